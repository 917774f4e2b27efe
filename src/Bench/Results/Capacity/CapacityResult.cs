namespace KEchoBench.Bench.Results;

/// <summary>
/// A capacity run's own section of <c>run.json</c>: the searches per engine and connection
/// count, how they were made, and the scalability fits of the closed-loop sweep.
/// </summary>
internal sealed record CapacityResult
{
    /// <summary>The latency objective a step must keep, e.g. <c>p99=10ms,p99.9=50ms</c>.</summary>
    public string? Objective { get; init; }

    /// <summary>A step is sustained only if it delivers at least this share of its offered rate.</summary>
    public double DeliveredShare { get; init; }

    public double StartRate { get; init; }

    public double Growth { get; init; }

    /// <summary>Bisection stops when the first failed rate is within this share above the highest sustained one.</summary>
    public double Precision { get; init; }

    public double StepSeconds { get; init; }

    public double TimeoutSeconds { get; init; }

    public IReadOnlyList<CapacitySearchResult> Searches { get; init; } = [];

    public IReadOnlyList<ScalabilityFit> Fits { get; init; } = [];
}
