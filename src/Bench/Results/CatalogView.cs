namespace KEchoBench.Bench.Results;

/// <summary>
/// A list derived from the metric catalog (columns, comparable metrics), built once and built
/// again only when the catalog itself is another list: when a test has added a figure with
/// <see cref="Metrics.AddForTest"/> or taken it away. The source and what was built from it are
/// swapped as one reference, so no reader sees a list built from another catalog than it names.
/// </summary>
internal sealed class CatalogView<T>(Func<IReadOnlyList<IterationMetric>> source, Func<IReadOnlyList<IterationMetric>, IReadOnlyList<T>> build)
{
    private Built? _built;

    public IReadOnlyList<T> Items
    {
        get
        {
            var catalog = source();
            var built = _built;
            if (built is null || !ReferenceEquals(built.Source, catalog))
            {
                built = _built = new Built(catalog, build(catalog));
            }

            return built.Items;
        }
    }

    private sealed record Built(IReadOnlyList<IterationMetric> Source, IReadOnlyList<T> Items);
}
