namespace KEchoBench.Bench.Results;

/// <summary>
/// The capacity of one engine at one connection count: its repeated searches and the maximum
/// sustainable rate over them, with a confidence interval.
/// </summary>
internal sealed record CapacitySearchResult
{
    public required string Engine { get; init; }

    /// <summary>Open connections carrying the offered rate (kept open through the search).</summary>
    public int Connections { get; init; }

    public IReadOnlyList<CapacityRepetition> Repetitions { get; init; } = [];

    /// <summary>
    /// The median of the repetitions' maxima (with an odd count, the rate one repetition's own step
    /// sustained). Null when a repetition found no sustained rate or could not run: the engine then
    /// has no capacity to report at this connection count.
    /// </summary>
    public double? MaxSustainableRate { get; init; }

    /// <summary>Student's t confidence interval of the mean of the repetitions' maxima (<see cref="Confidence"/>).</summary>
    public double? IntervalLow { get; init; }

    public double? IntervalHigh { get; init; }

    public double Confidence { get; init; }

    /// <summary>
    /// Where latency turns up (the hockey stick's knee), over every step of every repetition: the
    /// highest offered rate below the first at which p99 exceeds twice its value at the lowest rate
    /// tried (<c>CapacityKnee</c>). Null when there are too few sustained steps to tell. As computed
    /// when the run was measured; reports compute it again from the steps, by the current rule.
    /// </summary>
    public double? KneeRate { get; init; }

    /// <summary>Why no rate is reported, when <see cref="MaxSustainableRate"/> is null.</summary>
    public string? Note { get; init; }
}
