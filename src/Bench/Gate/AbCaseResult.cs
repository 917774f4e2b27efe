namespace KEchoBench.Bench.Gate;

/// <summary>One case of an A/B run: every pair measured (with its order and restart), the offered rate, and the decision.</summary>
internal sealed record AbCaseResult(string Engine, int Clients, double OfferedRate, int Restarts, IReadOnlyList<RoundPair> Pairs, CaseDecision Decision)
{
    /// <summary>Pairs whose steal time jumped (<see cref="StealJumps"/>), left out of the decision.</summary>
    public IReadOnlyList<int> StealFlagged => StealJumps.Flagged(Pairs);
}
