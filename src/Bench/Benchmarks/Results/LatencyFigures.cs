using HdrHistogram;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Results;

/// <summary>Turns HdrHistograms of nanosecond latencies into the results contract's microsecond figures.</summary>
public static class LatencyFigures
{
    private const double NsPerUs = 1000.0;

    /// <summary>Up to an hour in nanoseconds, 3 significant digits: any round's histogram can be merged into it.</summary>
    public const long HighestTrackableNs = 3_600_000_000_000;

    public static LongHistogram NewHistogram() => new(HighestTrackableNs, 3);

    public static LatencySummary Summarise(HistogramBase histogram)
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

    /// <summary>The percentile spectrum as HdrHistogram prints it (5 ticks per half distance), µs.</summary>
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
