namespace KEchoBench.Bench.Gate;

/// <summary>
/// One figure the A/B gate compares, per request where it is a count (lower is better for all).
/// <see cref="MarginFactor"/> scales the run's margin: tails and preemptions scatter more than
/// means and the counts of calls a server makes. <see cref="Floor"/> is added to both sides of a
/// ratio, for a figure that is often zero: bytes allocated per request, where a change from 0 to
/// 24 must still count (24 + 1 over 0 + 1), and 0 against 0.01 must not.
/// </summary>
internal sealed record GateMetric(string Name, string Description, double MarginFactor, double Floor = 0)
{
    public static GateMetric Time { get; } = new("time", "wall time per request, closed loop (µs)", 1);

    public static GateMetric P99 { get; } = new("p99", "p99 latency at a fixed offered rate, open loop, from the intended send time (µs)", 2);

    public static GateMetric Cpu { get; } = new("cpu", "server CPU per request (µs)", 1);

    public static GateMetric Voluntary { get; } = new("vcsw", "voluntary context switches of the server per request", 1);

    public static GateMetric Involuntary { get; } = new("ivcsw", "involuntary context switches of the server per request", 4);

    /// <summary>Scatters like the involuntary switches it comes with: the machine's other load decides much of it.</summary>
    public static GateMetric RunQueueWait { get; } = new("runq", "server run-queue wait per request (µs, schedstat: runnable, waiting for a CPU)", 4);

    public static GateMetric Reads { get; } = new("syscr", "read system calls of the server per request (/proc/PID/io syscr)", 1);

    public static GateMetric Writes { get; } = new("syscw", "write system calls of the server per request (/proc/PID/io syscw)", 1);

    public static GateMetric Allocated { get; } = new("alloc", "bytes the server allocated per request (a server that reports them: kechobench serve, on SIGUSR1)", 1, Floor: 1);

    public static IReadOnlyList<GateMetric> All { get; } = [Time, P99, Cpu, Voluntary, Involuntary, RunQueueWait, Reads, Writes, Allocated];
}
