namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>Coordinator to load agent: close the idle sessions.</summary>
internal sealed record CloseIdle;
