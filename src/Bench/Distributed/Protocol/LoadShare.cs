namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>
/// One load agent's part of the run, as plain values (the settings of <c>kechobench load</c> for
/// its share of the clients and of the rate). Times travel in ticks.
/// </summary>
internal sealed record LoadShare(
    string TargetHost,
    int TargetPort,
    string Mode,
    int Clients,
    int Requests,
    long? DurationTicks,
    bool KeepOpen,
    int Pipeline,
    int Size,
    string Payload,
    double Rate,
    long TimeoutTicks,
    int Threads,
    long? MinRoundTicks);
