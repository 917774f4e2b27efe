using KEchoBench.Bench.Cli;

namespace KEchoBench.Bench.Comparison;

/// <summary>Everything <c>compare</c> found: per-case verdicts, the cases on one side only, what was skipped, and the summary.</summary>
public sealed record ComparisonReport
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

    /// <summary>0 without regression, 1 with at least one regression beyond the threshold.</summary>
    public int ExitCode => HasRegression ? ExitCodes.Failure : ExitCodes.Success;
}
