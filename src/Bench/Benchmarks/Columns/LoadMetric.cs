using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Columns;

/// <summary>
/// One custom column of the suite. Reported as a BenchmarkDotNet <see cref="Metric"/>, so it
/// appears in the console summary and in every exporter (Markdown, CSV, full JSON).
/// </summary>
internal sealed class LoadMetric : IMetricDescriptor
{
    private readonly Func<IterationResult, double?> _value;

    public LoadMetric(string id, string displayName, string legend, string unit, bool greaterIsBetter, int priority, string numberFormat, Func<IterationResult, double?> value, UnitType unitType = UnitType.Dimensionless)
    {
        Id = id;
        DisplayName = displayName;
        Legend = legend;
        Unit = unit;
        TheGreaterTheBetter = greaterIsBetter;
        PriorityInCategory = priority;
        NumberFormat = numberFormat;
        UnitType = unitType;
        _value = value;
    }

    public string Id { get; }

    public string DisplayName { get; }

    public string Legend { get; }

    public string NumberFormat { get; }

    public UnitType UnitType { get; }

    public string Unit { get; }

    public bool TheGreaterTheBetter { get; }

    public int PriorityInCategory { get; }

    /// <summary>The metric's value for a case's overall figures; null when it does not apply (no server CPU for an unknown process).</summary>
    public double? ValueOf(IterationResult overall) => _value(overall);

    public bool GetIsAvailable(Metric metric) => true;
}
