namespace KEchoBench.Bench.Results;

/// <summary>Which of a side's two rounds in an A/B pair the gate (<c>ab</c>) reads a figure from.</summary>
internal enum GateRound
{
    /// <summary>The closed-loop round: a fixed number of requests, each sent when the last is answered (time, CPU and counts per request).</summary>
    Closed,

    /// <summary>The open-loop round at the case's offered rate (latency from the intended send time).</summary>
    Open,
}

/// <summary>
/// How the A/B regression gate (<c>ab</c>) compares a figure (lower is better for all): the round it
/// reads it from, the round in words (for the figure's description), the factor its margin is
/// scaled by (tails and preemptions scatter more than means and the counts of calls a server
/// makes), and its place among the gate's figures, lowest first (the order of ab's tables; the place
/// also seeds the figure's bootstrap).
/// Kept on the catalog entry (<see cref="IterationMetric.Gate"/>) so that a figure written there with
/// one is compared by the gate without an edit to the gate; the gate's figures that no round
/// measures have theirs in the gate.
/// </summary>
internal sealed record GateUse(GateRound Round, string RoundWords, double MarginFactor, int Order)
{
    /// <summary>
    /// Added to both sides of a ratio, for a figure that is often zero: bytes allocated per request,
    /// where a change from 0 to 24 must still count (24 + 1 over 0 + 1), and 0 against 0.01 must not.
    /// </summary>
    public double Floor { get; init; }

    /// <summary>
    /// Whether a round measured the figure at all. A round that did not (no thread readings of the
    /// server) leaves it out: a figure no pair measured on both sides is left out of the decision,
    /// not held against the head. One that did but has no value counts as not a number (NaN), which
    /// the decision cannot use. Null: every round measures it (no value is NaN).
    /// </summary>
    public Func<IterationResult, bool>? Measured { get; init; }
}
