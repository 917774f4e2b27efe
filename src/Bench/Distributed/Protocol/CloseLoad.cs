namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>Coordinator to load agent: close the generator and its connections.</summary>
internal sealed record CloseLoad;
