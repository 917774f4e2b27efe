namespace KEchoBench.Bench.Gate;

/// <summary>A whole A/B run as written to <c>--output</c>: the seed and placement that make it repeatable, then every case.</summary>
internal sealed record AbRunResult(int Seed, string BaseServer, string InjectedWork, string Placement, IReadOnlyList<AbCaseResult> Cases)
{
    /// <summary>With <c>--capacity</c>, each engine's capacity comparison; empty without.</summary>
    public IReadOnlyList<AbCapacityResult> Capacity { get; init; } = [];

    /// <summary>Slower if any case or capacity comparison is slower, undecided if any case is, else same.</summary>
    public GateOutcome Outcome =>
        Cases.Any(c => c.Decision.Outcome == GateOutcome.Slower) || Capacity.Any(c => c.Outcome == GateOutcome.Slower) ? GateOutcome.Slower
        : Cases.Any(c => c.Decision.Outcome == GateOutcome.Undecided) ? GateOutcome.Undecided
        : GateOutcome.Same;
}
