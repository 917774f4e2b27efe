namespace KEchoBench.Bench.Comparison;

/// <summary>One case of one run as <c>compare</c> sees it: its match key and one value per measured iteration for each metric it has.</summary>
internal sealed record CaseSamples
{
    /// <summary>Full name and parameters: cases with the same key in two runs are compared.</summary>
    public required string Key { get; init; }

    /// <summary>Per-iteration values by metric name; a metric the case does not have is absent.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> Values { get; init; } = new Dictionary<string, IReadOnlyList<double>>();

    /// <summary>Set when the case could not run in this run: why.</summary>
    public string? Failure { get; init; }

    public IReadOnlyList<double> Of(ComparisonMetric metric) =>
        Values.TryGetValue(metric.Name, out var values) ? values : [];
}
