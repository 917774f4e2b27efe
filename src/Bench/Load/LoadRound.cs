using HdrHistogram;
using KEchoBench.Bench.Results;
using KEchoBench.Bench.Processes;

namespace KEchoBench.Bench.Load;

/// <summary>What one measured round produced: counts, errors, histograms (merged over the event loops), time and CPU.</summary>
internal sealed class LoadRound
{
    public required int Index { get; init; }

    /// <summary>Wall-clock start (for the histogram log's interval timestamps).</summary>
    public required DateTimeOffset Started { get; init; }

    /// <summary>Round trips completed and verified.</summary>
    public required long Requests { get; init; }

    public required IReadOnlyDictionary<LoadErrorKind, long> Errors { get; init; }

    public long ErrorCount => Errors.Values.Sum();

    public required TimeSpan Elapsed { get; init; }

    /// <summary>Round-trip latency in ns (open loop: from the scheduled time).</summary>
    public required LongHistogram Latency { get; init; }

    /// <summary>Open loop: latency from the actual send (what a generator that ignores coordinated omission would report).</summary>
    public LongHistogram? Uncorrected { get; init; }

    /// <summary>Connect times in ns of the connections opened in the round (clients that hang up, burst); null when they were kept open.</summary>
    public LongHistogram? Connect { get; init; }

    /// <summary>Burst: per connection slot, the send-to-echo time (ns) and how many echoes it is the sum of.</summary>
    public long[]? BurstEchoNs { get; init; }

    public int[]? BurstEchoCounts { get; init; }

    /// <summary>Clients answered in full (or, timed, without an error), and clients that ended on an error.</summary>
    public int ClientsServed { get; init; }

    public int ClientsFailed { get; init; }

    /// <summary>Clients that hang up: how many times the whole clients × requests test ran in the round (1 unless it has a minimum duration); 0 when connections are kept open.</summary>
    public int Repeats { get; init; }

    public required TimeSpan ClientCpu { get; init; }

    /// <summary>Managed bytes the event-loop threads allocated during the round: none per request.</summary>
    public long LoopAllocatedBytes { get; init; }

    /// <summary>Server figures over the round, when the server's process is known.</summary>
    public ProcessSample? ServerBefore { get; init; }

    public ProcessSample? ServerAfter { get; init; }

    /// <summary>Where the round's time went (server and generator threads, TCP counters); null when not watched.</summary>
    public RoundAttribution? Attribution { get; init; }

    /// <summary>True when the round was cut short by cancellation.</summary>
    public bool Cancelled { get; init; }

    /// <summary>The server's threads and memory at the round's end, when its process is known.</summary>
    public ServerWindow? ServerWindow => ServerBefore is not null && ServerAfter is { } after ? new ServerWindow(after.Threads, after.RssBytes) : null;

    /// <summary>Why the round has no server CPU figure (too short for its CPU clock, over the round's own time); null when it has one or when the process is unknown.</summary>
    public string? ServerCpuAbsent => ServerBefore is not null && ServerAfter is not null
        ? CpuFigureRule.WhyAbsent(Elapsed, ServerCpuStep, ServerCpuClock)
        : null;

    /// <summary>The step of the clock the server's CPU was read with: its CPU clock where both readings had it, /proc's ticks otherwise.</summary>
    public TimeSpan ServerCpuStep => PreciseCpu ? CpuFigureRule.CpuClockStep : CpuFigureRule.ProcTick;

    public string ServerCpuClock => PreciseCpu ? CpuFigureRule.CpuClockName : CpuFigureRule.ProcClockName;

    private bool PreciseCpu => ServerBefore is { PreciseCpu: true } && ServerAfter is { PreciseCpu: true };

    /// <summary>This round as the results model's round; its errors and burst slots are the round's own.</summary>
    public RoundOutcome ToOutcome() => new()
    {
        LatencyNs = Latency,
        ConnectNs = Connect,
        UncorrectedNs = Uncorrected,
        Requests = Requests,
        ClientsServed = ClientsServed,
        ClientsFailed = ClientsFailed,
        Repeats = Repeats,
        Errors = ErrorCount,
        ErrorsByKind = Errors.Where(e => e.Value > 0).ToDictionary(e => LoadErrorNames.Of(e.Key), e => e.Value),
        Elapsed = Elapsed,
        ServerCpu = ServerBefore is { } before && ServerAfter is { } after ? after.CpuTime - before.CpuTime : null,
        ServerCpuStep = ServerCpuStep,
        ServerCpuClock = ServerCpuClock,
        ServerCpuAbsent = ServerCpuAbsent,
        ClientCpu = ClientCpu,
        Attribution = Attribution,
        PerConnectionUs = BurstEchoNs is null ? [] : [.. BurstEchoNs.Select((ns, g) => BurstEchoCounts![g] > 0 ? ns / 1000.0 / BurstEchoCounts[g] : double.NaN)],
    };

    /// <summary>This round as one iteration of a run (<see cref="IterationBuilder"/>).</summary>
    public IterationResult ToIterationResult() => IterationBuilder.Of(ToOutcome(), ServerWindow, LoadReport.ServerUnknown);
}
