namespace KEchoBench.Bench.Gate;

/// <summary>A whole A/B run as written to <c>--output</c>: the seed and placement that make it repeatable, then every case.</summary>
internal sealed record AbRunResult(int Seed, string BaseServer, string InjectedWork, string Placement, IReadOnlyList<AbCaseResult> Cases)
{
    /// <summary>Slower if any case is slower, undecided if any is, else same.</summary>
    public GateOutcome Outcome =>
        Cases.Any(c => c.Decision.Outcome == GateOutcome.Slower) ? GateOutcome.Slower
        : Cases.Any(c => c.Decision.Outcome == GateOutcome.Undecided) ? GateOutcome.Undecided
        : GateOutcome.Same;
}
