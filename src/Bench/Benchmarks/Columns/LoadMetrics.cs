using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Columns;

/// <summary>
/// The suite's columns: the catalog's (<see cref="Metrics.Columns"/>), in its display order.
/// BenchmarkDotNet's own Mean column stays: it is the time of a whole load round.
/// </summary>
internal static class LoadMetrics
{
    public static IReadOnlyList<LoadMetric> All { get; } = [.. Metrics.Columns.Select((metric, priority) => new LoadMetric(metric, priority))];
}
