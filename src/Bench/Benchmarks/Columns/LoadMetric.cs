using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Columns;

/// <summary>
/// One custom column of the suite: an <see cref="IterationMetric"/> of the catalog, reported as a
/// BenchmarkDotNet <see cref="BenchmarkDotNet.Reports.Metric"/>, so it appears in the console
/// summary and in every exporter (Markdown, CSV, full JSON).
/// </summary>
internal sealed class LoadMetric : IMetricDescriptor
{
    private readonly IterationMetric _metric;
    private readonly IterationColumn _column;

    public LoadMetric(IterationMetric metric, int priority)
    {
        _metric = metric;
        _column = metric.Column ?? throw new ArgumentException($"metric {metric.Name} has no column", nameof(metric));
        PriorityInCategory = priority;
    }

    public string Id => _column.Id;

    public string DisplayName => _column.Heading;

    public string Legend => _column.Legend;

    public string NumberFormat => _column.NumberFormat;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Unit => _metric.Unit;

    public bool TheGreaterTheBetter => _metric.HigherIsBetter;

    public int PriorityInCategory { get; }

    /// <summary>The metric's value for a case's overall figures; null when it does not apply (no server CPU for an unknown process).</summary>
    public double? ValueOf(IterationResult overall) => _metric.ValueOf(overall);

    public bool GetIsAvailable(BenchmarkDotNet.Reports.Metric metric) => true;
}
