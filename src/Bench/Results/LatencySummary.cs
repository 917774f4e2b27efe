namespace KEchoBench.Bench.Results;

/// <summary>Request latency of a set of round trips, in microseconds.</summary>
public sealed record LatencySummary
{
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
}
