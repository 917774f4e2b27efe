namespace KEchoBench.Bench.Results;

/// <summary>One point of a latency percentile spectrum (HdrHistogram style): percentile 0–100, latency in µs.</summary>
internal sealed record PercentilePoint(double Percentile, double ValueUs);
