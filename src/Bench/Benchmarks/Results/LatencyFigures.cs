using HdrHistogram;

namespace KEchoBench.Bench.Benchmarks.Results;

/// <summary>The histogram a case merges its rounds into (figures come from <see cref="Load.HistogramFigures"/>).</summary>
public static class LatencyFigures
{
    /// <summary>Up to an hour in nanoseconds, 3 significant digits: any round's histogram can be merged into it.</summary>
    public const long HighestTrackableNs = 3_600_000_000_000;

    public static LongHistogram NewHistogram() => new(HighestTrackableNs, 3);
}
