using HdrHistogram;

namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>What one load round measured, before it is summarised.</summary>
internal sealed record RoundOutcome
{
    /// <summary>Per-request latency in nanoseconds, as the load generator records it (corrected for coordinated omission in rate mode).</summary>
    public required HistogramBase LatencyNs { get; init; }

    /// <summary>Connect times in nanoseconds of the connections opened in the round; null when they were kept open.</summary>
    public HistogramBase? ConnectNs { get; init; }

    /// <summary>Rate mode: latency from the actual send (what a generator blind to coordinated omission reports), ns.</summary>
    public HistogramBase? UncorrectedNs { get; init; }

    public long Requests { get; init; }

    /// <summary>Clients answered in full, and clients that ended on an error.</summary>
    public int ClientsServed { get; init; }

    public int ClientsFailed { get; init; }

    /// <summary>How many times the clients × requests test ran in the round (0 with kept-open connections).</summary>
    public int Repeats { get; init; }

    public long Errors { get; init; }

    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init; } = new Dictionary<string, long>();

    public TimeSpan Elapsed { get; init; }

    /// <summary>The server's CPU time over the round, read at its edges; null when its process is unknown.</summary>
    public TimeSpan? ServerCpu { get; init; }

    /// <summary>The step of the clock <see cref="ServerCpu"/> was read with (<see cref="KEchoBench.Bench.Results.CpuFigureRule"/>).</summary>
    public TimeSpan ServerCpuStep { get; init; } = KEchoBench.Bench.Results.CpuFigureRule.CpuClockStep;

    /// <summary>The clock, in words, for a reason given to a reader.</summary>
    public string ServerCpuClock { get; init; } = "the server's CPU clock";

    /// <summary>Why this round alone has no CPU figure: the process is unknown, or the round too short for the clock; null when it has one.</summary>
    public string? ServerCpuAbsent { get; init; }

    /// <summary>CPU time the load generator itself used during the round.</summary>
    public TimeSpan ClientCpu { get; init; }

    /// <summary>Burst mode: send-to-echo time of each connection slot, µs (NaN for a slot that failed).</summary>
    public IReadOnlyList<double> PerConnectionUs { get; init; } = [];
}
