namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>A load agent's threads wait at the round's barrier.</summary>
internal sealed record RoundReady(int Index);
