using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Columns;

/// <summary>
/// The suite's columns: the catalog's (<see cref="Metrics.Columns"/>), in its display order.
/// BenchmarkDotNet's own Mean column stays: it is the time of a whole load round.
/// </summary>
internal static class LoadMetrics
{
    private static readonly CatalogView<LoadMetric> View =
        new(() => Metrics.Columns, columns => [.. columns.Select((metric, priority) => new LoadMetric(metric, priority))]);

    /// <summary>
    /// Built once per catalog: the same descriptors for every case, rebuilt only when a test has
    /// added a figure to the catalog (<see cref="Metrics.AddForTest"/>) or taken it away again.
    /// </summary>
    public static IReadOnlyList<LoadMetric> All => View.Items;
}
