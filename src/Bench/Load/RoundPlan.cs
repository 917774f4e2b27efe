namespace KEchoBench.Bench.Load;

/// <summary>What one event loop is to do in one round.</summary>
internal readonly record struct RoundPlan(
    LoadMode Mode,
    long RequestsPerConnection,
    long StartNs,
    long DeadlineNs,
    double NsPerRequest,
    int BurstRound);
