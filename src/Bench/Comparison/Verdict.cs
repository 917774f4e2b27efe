namespace KEchoBench.Bench.Comparison;

/// <summary>What one metric of one case did between the base run and the current run.</summary>
internal enum Verdict
{
    /// <summary>No change beyond the threshold could be shown at the significance level.</summary>
    Same,

    /// <summary>Worse by more than the threshold, significantly (for throughput: lower). A regression.</summary>
    Slower,

    /// <summary>Better by more than the threshold, significantly.</summary>
    Faster,

    /// <summary>Even a complete separation of the samples could not reach the significance level: more iterations are needed.</summary>
    TooFewSamples,

    /// <summary>One side has no value for this metric (e.g. server CPU of an external server).</summary>
    NoData,
}
