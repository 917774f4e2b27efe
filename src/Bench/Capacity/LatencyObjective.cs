namespace KEchoBench.Bench.Capacity;

/// <summary>One term of a service-level objective: the latency at <paramref name="Percentile"/> (0–100) must not exceed <paramref name="Limit"/>.</summary>
internal sealed record LatencyObjective(double Percentile, TimeSpan Limit);
