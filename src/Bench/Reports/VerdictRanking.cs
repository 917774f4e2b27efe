using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// One verdict row's ranking: the engine with the best median over its rounds, every other
/// engine's figure as a ratio to it with the ratio's interval, and which engines the intervals
/// cannot tell from the best. With more than one such engine the row names no winner.
/// </summary>
internal sealed class VerdictRanking
{
    private VerdictRanking(CaseResult? best, IReadOnlyDictionary<CaseResult, Estimate> ratios, IReadOnlyList<CaseResult> tied)
    {
        Best = best;
        Ratios = ratios;
        Tied = tied;
    }

    /// <summary>The engine with the best median (the reference of the ratios); null when no engine could be ranked.</summary>
    public CaseResult? Best { get; }

    /// <summary>Each ranked engine's median ÷ the best one's, with its interval (the best's own is 1).</summary>
    public IReadOnlyDictionary<CaseResult, Estimate> Ratios { get; }

    /// <summary>The best and every engine not distinguishable from it, best first.</summary>
    public IReadOnlyList<CaseResult> Tied { get; }

    /// <summary>
    /// True when a ratio rests on a figure without an interval (one round, or server CPU only the
    /// case's total resolves): that comparison is made on the figures alone, within the margin,
    /// and the row is marked indicative.
    /// </summary>
    public bool Indicative => Ratios.Values.Any(r => !r.HasInterval);

    /// <summary>True when the row names a winner: the best engine and no other is at the top.</summary>
    public bool HasWinner => Best is not null && Tied.Count == 1;

    public static VerdictRanking Of(IReadOnlyList<CaseResult> ranked, IterationMetric metric, bool higherIsBetter)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(metric);
        var samples = ranked.ToDictionary(c => c, c => RoundSamples.Of(c, metric));
        var best = higherIsBetter ? ranked.MaxBy(c => samples[c].Median) : ranked.MinBy(c => samples[c].Median);
        if (best is null)
        {
            return new VerdictRanking(null, new Dictionary<CaseResult, Estimate>(), []);
        }

        var ratios = ranked.ToDictionary(c => c, c => c == best ? new Estimate(1, 1, 1) : Uncertainty.Ratio(samples[c], samples[best]));
        // The best engine's ratio is 1 by construction: tied are the others whose interval does not rule out 1 (within the margin).
        var worse = higherIsBetter ? Difference.Lower : Difference.Higher;
        var tied = ranked.Where(c => c == best || Compare(ratios[c]) != worse)
            .OrderBy(c => c == best ? 0 : 1).ThenBy(c => higherIsBetter ? -samples[c].Median : samples[c].Median).ToList();
        return new VerdictRanking(best, ratios, tied);
    }

    /// <summary>The ratio's interval where it has one; without one, the figure itself against the same margin.</summary>
    private static Difference Compare(Estimate ratio) =>
        ratio.HasInterval ? Uncertainty.Compare(ratio) : Uncertainty.Compare(new Estimate(ratio.Value, ratio.Value, ratio.Value));
}
