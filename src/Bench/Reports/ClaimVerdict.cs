namespace KEchoBench.Bench.Reports;

/// <summary>What a run says about one claim of the kecho report.</summary>
internal enum ClaimVerdict
{
    /// <summary>Every load point (or engine) the run can judge agrees with the claim.</summary>
    Holds,

    /// <summary>Some agree and some do not.</summary>
    Partly,

    /// <summary>None agrees.</summary>
    DoesNotHold,

    /// <summary>The run has load points to judge it on, but their intervals decide none of them (the evidence says why).</summary>
    Undecided,

    /// <summary>The run has no load point it can judge the claim on (the evidence says why).</summary>
    NotTested,
}
