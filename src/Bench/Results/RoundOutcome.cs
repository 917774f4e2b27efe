using HdrHistogram;

namespace KEchoBench.Bench.Results;

/// <summary>
/// What one measured load round produced, before it is summarised: the one round result that
/// <see cref="IterationBuilder"/> turns into an <see cref="IterationResult"/>, for <c>load</c>
/// (from its <c>LoadRound</c>s) and <c>bench</c> (from the round it ran) alike.
/// </summary>
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

    /// <summary>The round's own clock: every rate and share of a core of the iteration is over it.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The server's CPU time over the round, read at the instants its clock starts and stops; null when its process is unknown.</summary>
    public TimeSpan? ServerCpu { get; init; }

    /// <summary>The step of the clock <see cref="ServerCpu"/> was read with (<see cref="CpuFigureRule"/>).</summary>
    public TimeSpan ServerCpuStep { get; init; } = CpuFigureRule.CpuClockStep;

    /// <summary>The clock, in words, for a reason given to a reader.</summary>
    public string ServerCpuClock { get; init; } = CpuFigureRule.CpuClockName;

    /// <summary>
    /// Why this round alone has no CPU figure: too short for the clock (<see cref="CpuFigureRule"/>),
    /// or a reason more particular than the process being unknown; null when it has one, or when
    /// there are no readings and the builder's reason for an unknown process applies.
    /// </summary>
    public string? ServerCpuAbsent { get; init; }

    /// <summary>CPU time the load generator itself used during the round.</summary>
    public TimeSpan ClientCpu { get; init; }

    /// <summary>Where the round's time went (<see cref="RoundAttribution"/>); null when it was not watched.</summary>
    public RoundAttribution? Attribution { get; init; }

    /// <summary>Distributed rounds: each load agent's own figures (null on one host).</summary>
    public IReadOnlyList<AgentFigures>? Agents { get; init; }

    /// <summary>Distributed rounds: which host ran what.</summary>
    public IReadOnlyList<PlacementEntry>? Placement { get; init; }

    /// <summary>Burst mode: send-to-echo time of each connection slot, µs (NaN for a slot that failed).</summary>
    public IReadOnlyList<double> PerConnectionUs { get; init; } = [];
}
