namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>Coordinator to load agent: make the generator for this share (and open its connections when they are kept).</summary>
internal sealed record OpenLoad(LoadShare Share);
