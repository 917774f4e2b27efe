using HdrHistogram;

namespace KEchoBench.Bench.Results;

/// <summary>
/// The latency histograms: how every one is made (so that any round's merges into a case's), and
/// how nanosecond histograms become the results model's microsecond figures.
/// </summary>
internal static class HistogramFigures
{
    /// <summary>Histograms track up to an hour in nanoseconds; anything longer is recorded as an hour.</summary>
    public const long HighestTrackableNs = 3_600_000_000_000;

    private const double NsPerUs = 1000.0;

    /// <summary>A nanosecond histogram up to <see cref="HighestTrackableNs"/>, 3 significant digits.</summary>
    public static LongHistogram NewHistogram() => new(HighestTrackableNs, 3);

    public static LatencySummary Summarize(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return new LatencySummary();
        }

        return new LatencySummary
        {
            Count = histogram.TotalCount,
            MeanUs = histogram.GetMean() / NsPerUs,
            StdDevUs = histogram.GetStdDeviation() / NsPerUs,
            P50Us = histogram.GetValueAtPercentile(50) / NsPerUs,
            P90Us = histogram.GetValueAtPercentile(90) / NsPerUs,
            P99Us = histogram.GetValueAtPercentile(99) / NsPerUs,
            P999Us = histogram.GetValueAtPercentile(99.9) / NsPerUs,
            P9999Us = histogram.GetValueAtPercentile(99.99) / NsPerUs,
            MaxUs = histogram.GetMaxValue() / NsPerUs,
        };
    }

    /// <summary>The percentile spectrum HdrHistogram prints (5 ticks per half distance), in µs.</summary>
    public static IReadOnlyList<PercentilePoint> Spectrum(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return [];
        }

        var points = new List<PercentilePoint>();
        foreach (var value in histogram.Percentiles(5))
        {
            var point = new PercentilePoint(value.Percentile, value.ValueIteratedTo / NsPerUs);
            if (points.Count == 0 || points[^1] != point)
            {
                points.Add(point);
            }
        }

        return points;
    }
}
