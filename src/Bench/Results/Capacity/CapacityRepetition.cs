namespace KEchoBench.Bench.Results;

/// <summary>One whole capacity search (geometric steps, then bisection) against one server.</summary>
internal sealed record CapacityRepetition
{
    /// <summary>1-based: the searches of one engine and connection count are repeated.</summary>
    public int Index { get; init; }

    public IReadOnlyList<CapacityStep> Steps { get; init; } = [];

    /// <summary>
    /// The highest offered rate whose own step was sustained: always a rate the search ran and
    /// saw sustained, never an interpolation. Null when no step was (not even the floor).
    /// </summary>
    public double? MaxSustainedRate { get; init; }

    /// <summary>The lowest offered rate whose step failed, above <see cref="MaxSustainedRate"/>; null when none failed (the search reached its ceiling).</summary>
    public double? FirstFailedRate { get; init; }

    /// <summary>True when the search stopped at its ceiling without a failure: the capacity is at least <see cref="MaxSustainedRate"/>.</summary>
    public bool ReachedCeiling { get; init; }

    /// <summary>Set when the search could not run (the server did not start...): why.</summary>
    public string? Failure { get; init; }
}
