namespace KEchoBench.Bench.Reports;

/// <summary>One claim of the kecho report, the verdict of this run on it, and the numbers (and, where the data tells, the reason) behind it.</summary>
internal sealed record ClaimCheck(string Claim, ClaimVerdict Verdict, string Evidence)
{
    public string VerdictText => Verdict switch
    {
        ClaimVerdict.Holds => "holds",
        ClaimVerdict.Partly => "partly",
        ClaimVerdict.DoesNotHold => "does not hold",
        ClaimVerdict.Undecided => "undecided",
        _ => "not tested",
    };
}
