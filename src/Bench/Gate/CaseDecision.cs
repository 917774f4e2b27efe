namespace KEchoBench.Bench.Gate;

/// <summary>A case's decisions, one per metric, and what they add up to: slower if any metric is, undecided if any is, else same.</summary>
internal sealed record CaseDecision(IReadOnlyList<MetricDecision> Metrics)
{
    public GateOutcome Outcome =>
        Metrics.Any(m => m.Outcome == GateOutcome.Slower) ? GateOutcome.Slower
        : Metrics.Any(m => m.Outcome == GateOutcome.Undecided) ? GateOutcome.Undecided
        : GateOutcome.Same;

    /// <summary>
    /// Decides every metric from the pairs so far, those with a steal jump left out; the bootstrap
    /// of each metric is seeded from the run's seed. A metric no pair measured on both sides is left out.
    /// </summary>
    public static CaseDecision Of(IReadOnlyList<RoundPair> measured, AbSettings settings)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(settings);
        var flagged = StealJumps.Flagged(measured).ToHashSet();
        var pairs = measured.Where(p => !flagged.Contains(p.Index)).ToArray();
        var decisions = new List<MetricDecision>();
        for (int m = 0; m < GateMetric.All.Count; m++)
        {
            var metric = GateMetric.All[m];
            if (!pairs.Any(p => p.Measured(metric)))
            {
                // Neither side could give this figure in any pair (a base build that does not
                // report its allocations): it is left out, not held against the head as undecided.
                continue;
            }

            var ratios = pairs.Select(p => p.Ratio(metric)).ToArray();
            var random = new Random(HashCode.Combine(settings.Seed, m, measured.Count));
            decisions.Add(PairedDecision.Decide(metric.Name, ratios, settings.MarginPercent / 100 * metric.MarginFactor, settings.Alpha, random));
        }

        return new CaseDecision(decisions);
    }
}
