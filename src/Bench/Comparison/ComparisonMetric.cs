using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Comparison;

/// <summary>
/// One figure that <c>compare</c> can test, taken from every measured iteration of a case so that
/// the test works on a sample, never on one number (p99 and max included).
/// </summary>
internal sealed class ComparisonMetric
{
    private readonly IterationMetric _metric;

    private ComparisonMetric(IterationMetric metric) => _metric = metric;

    /// <summary>Wall time of the iteration per completed request, µs (BDN exports: time per operation).</summary>
    public static ComparisonMetric Time { get; } = new(Metrics.Time);

    public static ComparisonMetric Mean { get; } = new(Metrics.Mean);

    public static ComparisonMetric P99 { get; } = new(Metrics.P99);

    public static ComparisonMetric Max { get; } = new(Metrics.Max);

    /// <summary>Absent when the server was external (not ours to measure): such cases are skipped and said so.</summary>
    public static ComparisonMetric Cpu { get; } = new(Metrics.ServerCpuPerRequest);

    /// <summary>Throughput: higher is better, so a drop is the regression.</summary>
    public static ComparisonMetric Rps { get; } = new(Metrics.RequestsPerSecond);

    /// <summary>The catalog's figures <c>compare</c> leaves out: the ones it has never offered under <c>--metric</c>.</summary>
    private static readonly IReadOnlyList<IterationMetric> NotCompared =
    [
        Metrics.P50, Metrics.P999, Metrics.ServerCpuPercent, Metrics.ClientCpuPercent, Metrics.ServerThreads, Metrics.ServerRss,
        Metrics.Errors, Metrics.ClientsFailed, Metrics.MeanConnect,
    ];

    private static readonly ComparisonMetric[] Leading = [Time, Mean, P99, Max, Cpu, Rps];

    private static readonly CatalogView<ComparisonMetric> View = new(() => Metrics.All, Build);

    /// <summary>
    /// The catalog's figures that <c>compare</c> tests, by their names: the latency, throughput
    /// and CPU figures, then the rest of the catalog in its order (where the server's time went:
    /// run-queue wait, switches, threads started; what its runtime did: ThreadPool, contentions,
    /// GC pause), but for <see cref="NotCompared"/>. Taken from the catalog rather than listed, so
    /// that a figure added to the catalog can be compared by its name with no second list to edit.
    /// </summary>
    public static IReadOnlyList<ComparisonMetric> All => View.Items;

    /// <summary>
    /// Server CPU per request: the work the server did, which repeats between runs of one build on
    /// a shared machine (within ±10 % in the <c>ci</c> profile's <c>cpu</c> cases, measured in
    /// docs/ci.md), where wall time and latency, which include every wait for a core, moved by up
    /// to ±40 %. Where a case has no server CPU (a BenchmarkDotNet export, an external server
    /// without <c>--server-pid</c>), <see cref="ComparisonSettings.Fallback"/> (time) is tested
    /// instead. Time, latency and its tails are opt-in with <c>--metric</c>.
    /// </summary>
    public static IReadOnlyList<ComparisonMetric> Defaults { get; } = [Cpu];

    public static IEnumerable<string> Names => All.Select(m => m.Name);

    public string Name => _metric.Name;

    public string Unit => _metric.Unit;

    /// <summary>True for throughput: the regression is a drop, reported as "slower" all the same.</summary>
    public bool HigherIsBetter => _metric.HigherIsBetter;

    public string Description => _metric.Description;

    public static bool TryParse(string name, out ComparisonMetric metric)
    {
        metric = All.FirstOrDefault(m => m.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase))!;
        return metric is not null;
    }

    /// <summary>The figure of one iteration, or null when the iteration does not have it.</summary>
    public double? Extract(IterationResult iteration)
    {
        double? value = _metric.ValueOf(iteration);
        return value is { } v && double.IsFinite(v) ? v : null;
    }

    public override string ToString() => Name;

    private static IReadOnlyList<ComparisonMetric> Build(IReadOnlyList<IterationMetric> catalog) =>
        [.. Leading, .. catalog.Where(m => !NotCompared.Contains(m) && !Leading.Any(l => l._metric == m)).Select(m => new ComparisonMetric(m))];
}
