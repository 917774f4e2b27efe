namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>Releases the prepared round's barrier.</summary>
internal sealed record StartRound(int Index);
