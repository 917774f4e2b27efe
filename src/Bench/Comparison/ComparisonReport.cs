namespace KEchoBench.Bench.Comparison;

/// <summary>Everything <c>compare</c> found: per-case verdicts, the cases on one side only, what was skipped, and the summary.</summary>
internal sealed record ComparisonReport
{
    public required RunSamples Base { get; init; }

    public required RunSamples Current { get; init; }

    public required ComparisonSettings Settings { get; init; }

    /// <summary>Cases in both runs, in key order.</summary>
    public IReadOnlyList<CaseComparison> Cases { get; init; } = [];

    public IReadOnlyList<string> OnlyInBase { get; init; } = [];

    public IReadOnlyList<string> OnlyInCurrent { get; init; } = [];

    /// <summary>Metrics left out of cases that lack them, in words (e.g. server CPU of an external server).</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    public IReadOnlyList<GeometricMean> GeometricMeans { get; init; } = [];

    public IEnumerable<(CaseComparison Case, MetricComparison Metric)> Regressions =>
        Cases.SelectMany(c => c.Metrics.Where(m => m.IsRegression).Select(m => (c, m)));

    public bool HasRegression => Cases.Any(c => c.HasRegression);

    /// <summary>Some verdicts could not be reached because the samples were too small.</summary>
    public bool HasTooFewSamples => Cases.Any(c => c.Metrics.Any(m => m.Verdict == Verdict.TooFewSamples));

    /// <summary>
    /// Outcomes whose iterations scatter by more than twice the threshold: there the test misses
    /// changes well beyond the threshold (simulated in docs/ci.md: at 10 iterations, a scatter of
    /// 10 % against a 5 % threshold already lets 13 % of 20 % slowdowns through).
    /// </summary>
    public IEnumerable<(CaseComparison Case, MetricComparison Metric)> Noisy =>
        Cases.SelectMany(c => c.Metrics
            .Where(m => Math.Max(Finite(m.BaseSpread), Finite(m.CurrentSpread)) * 100 > 2 * Settings.ThresholdPercent)
            .Select(m => (c, m)));

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
