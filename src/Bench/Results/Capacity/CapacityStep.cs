namespace KEchoBench.Bench.Results;

/// <summary>
/// One step of a capacity search: an open-loop round at one offered rate, latency from each
/// request's scheduled time (coordinated omission corrected), and whether the step was sustained.
/// </summary>
internal sealed record CapacityStep
{
    /// <summary>Where in the search the step was taken: <c>ascend</c> (geometric growth), <c>descend</c> (the first step failed), <c>bisect</c>, or <c>confirm</c> (the failed bound tried once more after the bisection below it, <see cref="Capacity.CapacitySettings.ConfirmFailures"/>; the committed runs up to results/20261206-203445-capacity tried every failed step again at once).</summary>
    public required string Phase { get; init; }

    /// <summary>The rate the open loop scheduled, requests/s over all connections.</summary>
    public required double OfferedRate { get; init; }

    /// <summary>Requests verified per second of the step's own clock (its tail, the echoes still due after the schedule ended, included).</summary>
    public double DeliveredRate { get; init; }

    public double Seconds { get; init; }

    public long Requests { get; init; }

    public long Errors { get; init; }

    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init; } = new Dictionary<string, long>();

    /// <summary>Latency from each request's scheduled send time.</summary>
    public required LatencySummary Latency { get; init; }

    /// <summary>The server's CPU over the step, % of one core; null when it is unknown or the step was too short for its clock.</summary>
    public double? ServerCpuPercent { get; init; }

    /// <summary>The load generator's CPU over the step, % of one core: the two share the machine.</summary>
    public double ClientCpuPercent { get; init; }

    public bool Sustained { get; init; }

    /// <summary>Why the step was not sustained (every failed condition), or null when it was.</summary>
    public string? Why { get; init; }
}
