namespace KEchoBench.Bench.Load;

/// <summary>What one event loop is to do in one round; <c>MinimumEndNs</c> (0: none): clients that hang up repeat the test until then.</summary>
internal readonly record struct RoundPlan(
    LoadMode Mode,
    long RequestsPerConnection,
    long StartNs,
    long DeadlineNs,
    double NsPerRequest,
    int BurstRound,
    long MinimumEndNs);
