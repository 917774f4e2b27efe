using HdrHistogram;

namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>What one load round measured, before it is summarised.</summary>
public sealed record RoundOutcome
{
    /// <summary>Per-request latency in nanoseconds, as the load generator records it (corrected for coordinated omission in rate mode).</summary>
    public required HistogramBase LatencyNs { get; init; }

    public long Requests { get; init; }

    public long Errors { get; init; }

    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init; } = new Dictionary<string, long>();

    public TimeSpan Elapsed { get; init; }

    /// <summary>CPU time the load generator itself used during the round.</summary>
    public TimeSpan ClientCpu { get; init; }

    /// <summary>Burst mode: send-to-echo time of each connection slot, µs (NaN for a slot that failed).</summary>
    public IReadOnlyList<double> PerConnectionUs { get; init; } = [];
}
