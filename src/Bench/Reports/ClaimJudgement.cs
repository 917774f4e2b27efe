namespace KEchoBench.Bench.Reports;

/// <summary>
/// A claim judged at one load point (or for one engine): agrees, disagrees, undecided (the
/// intervals cannot tell, <see cref="Undecided"/> says why) or not judged (no data: both null).
/// </summary>
internal sealed record ClaimJudgement(bool? Agrees, string Text, string? Undecided = null)
{
    public bool Decided => Agrees is not null;

    /// <summary>
    /// The claim's verdict over the judgements the data decides: holds where all agree, does not hold
    /// where none does, partly otherwise; undecided where some could be judged but none decided.
    /// </summary>
    public static ClaimVerdict Combine(IReadOnlyList<ClaimJudgement> judgements)
    {
        ArgumentNullException.ThrowIfNull(judgements);
        var decided = judgements.Where(j => j.Decided).Select(j => j.Agrees!.Value).ToList();
        return decided.Count == 0 ? (judgements.Any(j => j.Undecided is not null) ? ClaimVerdict.Undecided : ClaimVerdict.NotTested)
            : decided.All(a => a) ? ClaimVerdict.Holds
            : decided.Any(a => a) ? ClaimVerdict.Partly
            : ClaimVerdict.DoesNotHold;
    }
}
