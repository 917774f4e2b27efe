namespace KEchoBench.Bench.Results;

/// <summary>
/// The Universal Scalability Law fitted to one engine's closed-loop clients sweep:
/// X(N) = λN / (1 + σ(N−1) + κN(N−1)), throughput X against clients N.
/// </summary>
internal sealed record ScalabilityFit
{
    public required string Engine { get; init; }

    /// <summary>The sweep's measured points: clients and requests/s.</summary>
    public IReadOnlyList<ScalabilityPoint> Points { get; init; } = [];

    /// <summary>Throughput of one client, requests/s (the ideal slope).</summary>
    public double Lambda { get; init; }

    /// <summary>Contention (serialisation): the share of the work that does not run in parallel.</summary>
    public double Sigma { get; init; }

    /// <summary>Coherency (crosstalk): the cost each pair of clients adds.</summary>
    public double Kappa { get; init; }

    /// <summary>1 − residual / total sum of squares of the throughput.</summary>
    public double RSquared { get; init; }

    /// <summary>Where throughput peaks, √((1−σ)/κ); null when κ is zero (throughput only levels off).</summary>
    public double? PeakClients { get; init; }

    /// <summary>Why there is no fit (too few points...), when the figures are absent.</summary>
    public string? Note { get; init; }
}
