namespace KEchoBench.Bench.Comparison;

/// <summary>
/// Geometric mean of the median ratios of one metric over all compared cases: the one-number
/// summary. Geometric because ratios multiply: a case twice as slow and one twice as fast cancel.
/// </summary>
internal sealed record GeometricMean(ComparisonMetric Metric, double Ratio, int Cases)
{
    public static IReadOnlyList<GeometricMean> Of(IReadOnlyList<CaseComparison> cases, IReadOnlyList<ComparisonMetric> metrics)
    {
        var means = new List<GeometricMean>();
        foreach (var metric in metrics)
        {
            var ratios = cases
                .SelectMany(c => c.Metrics)
                .Where(m => m.Metric == metric && double.IsFinite(m.Ratio) && m.Ratio > 0)
                .Select(m => m.Ratio)
                .ToList();
            if (ratios.Count > 0)
            {
                means.Add(new GeometricMean(metric, Math.Exp(ratios.Average(Math.Log)), ratios.Count));
            }
        }

        return means;
    }
}
