namespace KEchoBench.Bench.Comparison;

/// <summary>The outcome of one metric of one case: verdict, medians, their ratio, and the p-value behind the verdict.</summary>
internal sealed record MetricComparison
{
    public required ComparisonMetric Metric { get; init; }

    public required Verdict Verdict { get; init; }

    public int BaseCount { get; init; }

    public int CurrentCount { get; init; }

    public double BaseMedian { get; init; } = double.NaN;

    public double CurrentMedian { get; init; } = double.NaN;

    /// <summary>
    /// How much the base iterations scatter, relative to their center (Pragmastat's RelSpread: median
    /// of pairwise differences over the Hodges–Lehmann center). NaN when undefined.
    /// </summary>
    public double BaseSpread { get; init; } = double.NaN;

    public double CurrentSpread { get; init; } = double.NaN;

    /// <summary>Current median / base median (for rps too: below 1 is a drop).</summary>
    public double Ratio { get; init; } = double.NaN;

    /// <summary>
    /// One-sided Mann–Whitney p-value in the direction the medians moved: for "slower" the test of
    /// "worse by more than the threshold", for "faster" the test of "better by more than the threshold".
    /// </summary>
    public double PValue { get; init; } = double.NaN;

    /// <summary>The smallest p-value these sample sizes can give (complete separation); at or above alpha nothing can be decided.</summary>
    public double SmallestPossiblePValue { get; init; } = double.NaN;

    /// <summary>A regression beyond the threshold: what makes <c>compare</c> exit 1.</summary>
    public bool IsRegression => Verdict == Verdict.Slower;
}
