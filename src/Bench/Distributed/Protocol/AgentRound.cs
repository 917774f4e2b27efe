namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>
/// What one load agent measured in one round: counts, errors by kind, its own CPU, and its
/// histograms encoded (<see cref="HistogramTransport"/>) so that the coordinator adds them exactly.
/// </summary>
internal sealed record AgentRound(
    int Index,
    DateTimeOffset Started,
    long Requests,
    Dictionary<string, long> Errors,
    long ElapsedTicks,
    byte[] Latency,
    byte[]? Uncorrected,
    byte[]? Connect,
    long[]? BurstEchoNs,
    int[]? BurstEchoCounts,
    int ClientsServed,
    int ClientsFailed,
    int Repeats,
    long ClientCpuTicks,
    int ConnectionsEstablished,
    bool Cancelled);
