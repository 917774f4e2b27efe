namespace KEchoBench.Bench.Comparison;

/// <summary>One case present in both runs, with one outcome per compared metric.</summary>
internal sealed record CaseComparison
{
    public required string Key { get; init; }

    public IReadOnlyList<MetricComparison> Metrics { get; init; } = [];

    /// <summary>Why the case has no samples on one side (it failed there), if it does not.</summary>
    public string? Note { get; init; }

    public bool HasRegression => Metrics.Any(m => m.IsRegression);
}
