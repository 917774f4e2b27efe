namespace KEchoBench.Bench.Results;

/// <summary>Latency of a set of round trips (or connects), in microseconds.</summary>
public sealed record LatencySummary
{
    /// <summary>How many values the figures rest on. A percentile p rests on <see cref="CountBeyond"/> values at or above it.</summary>
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
    /// How many of the <see cref="Count"/> values lie at or beyond <paramref name="percentile"/>
    /// (0–100): p99 over 200 requests rests on 2, p99.9 on 1 (it is then the max). A report should
    /// show a percentile only when this is at least 1, and say how few it rests on when small.
    /// </summary>
    public long CountBeyond(double percentile) =>
        Count <= 0 ? 0 : Math.Max(1, (long)Math.Ceiling(Count * (100 - percentile) / 100 - 1e-9));
}
