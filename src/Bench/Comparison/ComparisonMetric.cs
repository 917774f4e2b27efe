using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Comparison;

/// <summary>
/// One figure that <c>compare</c> can test, taken from every measured iteration of a case so that
/// the test works on a sample, never on one number (p99 and max included).
/// </summary>
internal sealed class ComparisonMetric
{
    private readonly Func<IterationResult, double?> _extract;

    private ComparisonMetric(string name, string unit, bool higherIsBetter, string description, Func<IterationResult, double?> extract)
    {
        Name = name;
        Unit = unit;
        HigherIsBetter = higherIsBetter;
        Description = description;
        _extract = extract;
    }

    /// <summary>Wall time of the iteration per completed request, µs (BDN exports: time per operation).</summary>
    public static ComparisonMetric Time { get; } = new(
        "time", "µs/req", false, "iteration wall time per request (BDN: time per operation)",
        i => i.Requests > 0 ? i.Seconds * 1e6 / i.Requests : null);

    public static ComparisonMetric Mean { get; } = new("mean", "µs", false, "mean latency", i => i.Latency.MeanUs);

    public static ComparisonMetric P99 { get; } = new("p99", "µs", false, "99th percentile latency", i => i.Latency.P99Us);

    public static ComparisonMetric Max { get; } = new("max", "µs", false, "worst latency", i => i.Latency.MaxUs);

    /// <summary>Absent when the server was external (not ours to measure): such cases are skipped and said so.</summary>
    public static ComparisonMetric Cpu { get; } = new("cpu", "µs/req", false, "server CPU time per request", i => i.ServerCpuUsPerRequest);

    /// <summary>Throughput: higher is better, so a drop is the regression.</summary>
    public static ComparisonMetric Rps { get; } = new("rps", "req/s", true, "requests per second (a drop is a regression)", i => i.RequestsPerSecond);

    public static IReadOnlyList<ComparisonMetric> All { get; } = [Time, Mean, P99, Max, Cpu, Rps];

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

    public string Name { get; }

    public string Unit { get; }

    /// <summary>True for throughput: the regression is a drop, reported as "slower" all the same.</summary>
    public bool HigherIsBetter { get; }

    public string Description { get; }

    public static bool TryParse(string name, out ComparisonMetric metric)
    {
        metric = All.FirstOrDefault(m => m.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase))!;
        return metric is not null;
    }

    /// <summary>The figure of one iteration, or null when the iteration does not have it.</summary>
    public double? Extract(IterationResult iteration)
    {
        double? value = _extract(iteration);
        return value is { } v && double.IsFinite(v) ? v : null;
    }

    public override string ToString() => Name;
}
