using KEchoBench.Bench.Load;
using KEchoBench.Bench.Results;
using KEchoBench.Bench.RunEnvironment;

namespace KEchoBench.Bench.Cli.LoadOutput;

/// <summary>What <c>kechobench load --json FILE</c> writes: every figure, the settings and the environment.</summary>
internal sealed record LoadDocument
{
    public string Command { get; init; } = "load";

    public required LoadSettingsView Settings { get; init; }

    public required EnvironmentInfo Environment { get; init; }

    public DateTimeOffset Started { get; init; }

    public DateTimeOffset Finished { get; init; }

    public int ConnectionsRequested { get; init; }

    public int ConnectionsEstablished { get; init; }

    /// <summary>All measured rounds together.</summary>
    public required IterationResult Overall { get; init; }

    public IReadOnlyList<IterationResult> Iterations { get; init; } = [];

    public IReadOnlyList<PercentilePoint> Spectrum { get; init; } = [];

    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init; } = new Dictionary<string, long>();

    /// <summary>Open loop: the rate actually achieved (completed round trips per second).</summary>
    public double? AchievedRate { get; init; }

    /// <summary>Open loop: latency measured from the actual send, as a generator blind to coordinated omission would report it.</summary>
    public LatencySummary? Uncorrected { get; init; }

    public IReadOnlyList<PercentilePoint>? UncorrectedSpectrum { get; init; }

    /// <summary>Burst: connect times.</summary>
    public LatencySummary? Connect { get; init; }

    /// <summary>Burst: mean send-to-echo time per connection slot, µs (NaN for a slot that never got an echo).</summary>
    public IReadOnlyList<double> PerConnectionUs { get; init; } = [];

    /// <summary>The spawned server, when there was one.</summary>
    public SpawnedServerRecord? Server { get; init; }

    public bool Cancelled { get; init; }

    /// <summary>Distributed runs: which host ran what (coordinator, server, each load agent), with how many cores.</summary>
    public IReadOnlyList<PlacementEntry>? Placement { get; init; }

    /// <summary>Distributed runs: each load agent's own figures over the measured rounds (requests, errors, client CPU, whether it was overloaded).</summary>
    public IReadOnlyList<AgentFigures>? Agents { get; init; }

    public static LoadDocument From(LoadReport report, EnvironmentInfo environment, DateTimeOffset started, DateTimeOffset finished, SpawnedServerRecord? server) => new()
    {
        Settings = LoadSettingsView.From(report.Settings),
        Environment = environment,
        Started = started,
        Finished = finished,
        ConnectionsRequested = report.ConnectionsRequested,
        ConnectionsEstablished = report.ConnectionsEstablished,
        Overall = report.Overall(),
        Iterations = report.Iterations(),
        Spectrum = report.Spectrum(),
        ErrorsByKind = report.ErrorsByName,
        AchievedRate = report.Settings.Mode == LoadMode.Rate ? report.RequestsPerSecond : null,
        Uncorrected = report.Uncorrected is { } u ? HistogramFigures.Summarize(u) : null,
        UncorrectedSpectrum = report.Uncorrected is { } us ? HistogramFigures.Spectrum(us) : null,
        Connect = report.Connect is { } c ? HistogramFigures.Summarize(c) : null,
        PerConnectionUs = report.PerConnectionUs,
        Server = server,
        Cancelled = report.Cancelled,
    };
}
