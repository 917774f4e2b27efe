namespace KEchoBench.Bench.Results;

/// <summary>Latency of a set of round trips (or connects), in microseconds.</summary>
internal sealed record LatencySummary
{
    /// <summary>How many values the figures rest on (<see cref="CountBeyond"/>: how many lie beyond a percentile).</summary>
    public long Count { get; init; }

    public double MeanUs { get; init; }

    public double StdDevUs { get; init; }

    public double P50Us { get; init; }

    public double P90Us { get; init; }

    public double P99Us { get; init; }

    public double P999Us { get; init; }

    public double P9999Us { get; init; }

    /// <summary>The worst round trip.</summary>
    public double MaxUs { get; init; }

    /// <summary>
    /// How many of the <see cref="Count"/> values lie beyond (are worse than) the value at
    /// <paramref name="percentile"/> (0–100): p99 over 200 requests has 2 worse than it (it is the
    /// third-worst), p99.9 over 200 none (it is the worst, the max). A report should say how few
    /// a percentile rests on when this is small, and that it is the max when this is 0.
    /// </summary>
    public long CountBeyond(double percentile) => CountBeyond(Count, percentile);

    /// <summary>
    /// How many of <paramref name="count"/> values lie beyond the value at <paramref name="percentile"/>
    /// (0–100): the one rule for when a percentile is resolved (at least one beyond it), used by the
    /// report's dashes and the capacity search's SLO alike. The tolerance absorbs binary rounding:
    /// 1000 × (100 − 99.9) / 100 is 0.99999... and must count as one.
    /// </summary>
    public static long CountBeyond(long count, double percentile) =>
        count <= 0 ? 0 : (long)Math.Floor((count * (100 - percentile) / 100) + 1e-6);
}
