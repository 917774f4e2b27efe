namespace KEchoBench.Bench.Comparison;

/// <summary>How <c>compare</c> decides: the threshold a change must exceed, the significance level, the metrics.</summary>
internal sealed record ComparisonSettings
{
    public const double DefaultThresholdPercent = 5;

    public const double DefaultAlpha = 0.05;

    public static ComparisonSettings Default { get; } = new();

    /// <summary>
    /// A change smaller than this (relative, in percent) is not reported even when it is real:
    /// "slower" means slower by more than the threshold, with significance <see cref="Alpha"/>.
    /// </summary>
    public double ThresholdPercent { get; init; } = DefaultThresholdPercent;

    /// <summary>Significance level of each one-sided Mann–Whitney test.</summary>
    public double Alpha { get; init; } = DefaultAlpha;

    public IReadOnlyList<ComparisonMetric> Metrics { get; init; } = ComparisonMetric.Defaults;

    /// <summary>
    /// Tested in place of a metric that a case lacks (null: the metric is skipped for that case,
    /// and said so). Set with the default metrics only: whoever names metrics gets exactly those.
    /// </summary>
    public ComparisonMetric? Fallback { get; init; } = ComparisonMetric.Time;

    /// <summary>The fallback when it can stand in for anything: null when unset or already among <see cref="Metrics"/>.</summary>
    public ComparisonMetric? StandIn => Fallback is { } fallback && !Metrics.Contains(fallback) ? fallback : null;
}
