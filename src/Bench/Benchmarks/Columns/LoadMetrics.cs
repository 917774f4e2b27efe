using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Columns;

/// <summary>
/// The suite's columns: the catalog's (<see cref="Metrics.Columns"/>), in its display order.
/// BenchmarkDotNet's own Mean column stays: it is the time of a whole load round.
/// </summary>
internal static class LoadMetrics
{
    private static Built _built = Build(Metrics.Columns);

    /// <summary>
    /// Built once per catalog: the same descriptors for every case, rebuilt only when a test has
    /// added a figure to the catalog (<see cref="Metrics.AddForTest"/>) or taken it away again.
    /// </summary>
    public static IReadOnlyList<LoadMetric> All
    {
        get
        {
            var built = _built;
            if (!ReferenceEquals(built.Columns, Metrics.Columns))
            {
                built = _built = Build(Metrics.Columns);
            }

            return built.All;
        }
    }

    private static Built Build(IReadOnlyList<IterationMetric> columns) =>
        new(columns, [.. columns.Select((metric, priority) => new LoadMetric(metric, priority))]);

    /// <summary>The descriptors and the catalog's columns they were built from, swapped as one reference.</summary>
    private sealed record Built(IReadOnlyList<IterationMetric> Columns, IReadOnlyList<LoadMetric> All);
}
