namespace KEchoBench.Bench.Results;

/// <summary>
/// The figures of one measured iteration (one load round) of a case. Kept per iteration so that a
/// comparison can test every metric, p99 and max included, on samples rather than one number.
/// </summary>
public sealed record IterationResult
{
    /// <summary>Round trips completed and verified.</summary>
    public long Requests { get; init; }

    /// <summary>Round trips that failed (any kind).</summary>
    public long Errors { get; init; }

    public double Seconds { get; init; }

    public double RequestsPerSecond { get; init; }

    public required LatencySummary Latency { get; init; }

    /// <summary>Server CPU time over the iteration as a percentage of one core; null when the server is not ours to measure.</summary>
    public double? ServerCpuPercent { get; init; }

    public double? ServerCpuUsPerRequest { get; init; }

    public double ClientCpuPercent { get; init; }

    public double ClientCpuUsPerRequest { get; init; }

    public int? ServerThreads { get; init; }

    public long? ServerRssBytes { get; init; }
}
