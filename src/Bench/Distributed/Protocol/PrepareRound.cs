namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>
/// Coordinator to load agents: get round <paramref name="Index"/> ready (threads up, waiting at the
/// barrier) and answer <see cref="RoundReady"/>; the round starts on <see cref="StartRound"/>, sent
/// to every agent at once, so that no agent starts before the slowest is ready.
/// </summary>
internal sealed record PrepareRound(int Index, long Requests, long? DurationTicks);
