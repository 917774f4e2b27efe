using KEchoBench.Bench.Results;

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
    /// <summary>The catalog's <c>time</c> over the closed-loop round.</summary>
    public static GateMetric Time { get; } = Of(Metrics.Time, "closed loop", 1);

    /// <summary>The catalog's <c>p99</c> over the open-loop round (from the intended send time).</summary>
    public static GateMetric P99 { get; } = Of(Metrics.P99, "open loop at a fixed offered rate, from the intended send time", 2);

    /// <summary>The catalog's <c>cpu</c> over the closed-loop round (the server's CPU clock at the round's edges).</summary>
    public static GateMetric Cpu { get; } = Of(Metrics.ServerCpuPerRequest, "closed loop", 1);

    public static GateMetric Voluntary { get; } = new("vcsw", "voluntary context switches of the server per request", 1);

    public static GateMetric Involuntary { get; } = new("ivcsw", "involuntary context switches of the server per request", 4);

    /// <summary>Scatters like the involuntary switches it comes with: the machine's other load decides much of it.</summary>
    public static GateMetric RunQueueWait { get; } = new("runq", "server run-queue wait per request (µs, schedstat: runnable, waiting for a CPU)", 4);

    public static GateMetric Reads { get; } = new("syscr", "read system calls of the server per request (/proc/PID/io syscr)", 1);

    public static GateMetric Writes { get; } = new("syscw", "write system calls of the server per request (/proc/PID/io syscw)", 1);

    public static GateMetric Allocated { get; } = new("alloc", "bytes the server allocated per request (a server that reports them: kechobench serve, on SIGUSR1)", 1, Floor: 1);

    public static IReadOnlyList<GateMetric> All { get; } = [Time, P99, Cpu, Voluntary, Involuntary, RunQueueWait, Reads, Writes, Allocated];

    /// <summary>
    /// The figures the gate shares with bench, compare and the report, computed as the catalog
    /// defines them from a side's closed-loop and open-loop rounds; NaN where a round has none.
    /// </summary>
    public static Dictionary<string, double> FromCatalog(IterationResult closed, IterationResult open) => new()
    {
        [Time.Name] = Metrics.Time.ValueOf(closed) ?? double.NaN,
        [P99.Name] = Metrics.P99.ValueOf(open) ?? double.NaN,
        [Cpu.Name] = Metrics.ServerCpuPerRequest.ValueOf(closed) ?? double.NaN,
    };

    private static GateMetric Of(IterationMetric metric, string round, double marginFactor) =>
        new(metric.Name, $"{metric.Description}, {round} ({metric.Unit})", marginFactor);
}
