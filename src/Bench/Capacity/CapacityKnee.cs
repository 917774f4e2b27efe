using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Capacity;

/// <summary>
/// The knee of the latency–throughput curve: the highest offered rate before the first at which
/// p99 exceeds <see cref="Rise"/> times its value at the lowest rate tried, over every step of every
/// repetition (steps sorted by offered rate; a step that completed nothing counts as risen). Past the knee the
/// queue, not the service, sets the latency. Null when the lowest rate already fails or has risen.
/// A failed try that was tried again (<see cref="CapacitySearch.Confirm"/>) is left out for its
/// second try: otherwise one stall of the machine at a low rate, which the second try did not
/// repeat, would put the knee there (2,000 requests/s for a server that sustained 49,351).
/// Computed when a report is drawn, from the steps in run.json, so that every committed run shows
/// the knee by the rule of the code that draws it.
/// </summary>
internal static class CapacityKnee
{
    public const double Rise = 2;

    /// <summary>The knee of a search's steps, every repetition's.</summary>
    public static double? Of(CapacitySearchResult search)
    {
        ArgumentNullException.ThrowIfNull(search);
        return Of(search.Repetitions.SelectMany(r => r.Steps));
    }

    public static double? Of(IEnumerable<CapacityStep> steps)
    {
        var ordered = WithoutRetriedTries([.. steps]).OrderBy(s => s.OfferedRate).ToList();
        if (ordered.Count == 0 || ordered[0].Requests == 0 || ordered[0].Latency.P99Us <= 0)
        {
            return null;
        }

        double baseline = ordered[0].Latency.P99Us;
        double? knee = null;
        foreach (var step in ordered)
        {
            if (step.Requests == 0 || step.Errors > 0 || step.Latency.P99Us > Rise * baseline)
            {
                break;
            }

            knee = step.OfferedRate;
        }

        return knee;
    }

    /// <summary>
    /// The steps in search order without each failed try that was tried again: its second try
    /// (<see cref="CapacitySearch.Confirm"/>, at the same rate) stands for it, wherever in the
    /// search it came (the committed runs up to results/20261206-203445-capacity tried every failed
    /// step again at once, so there it follows the first directly).
    /// </summary>
    private static IEnumerable<CapacityStep> WithoutRetriedTries(IReadOnlyList<CapacityStep> steps) =>
        steps.Where((step, i) => step.Sustained || !steps.Skip(i + 1).Any(later => later.Phase == CapacitySearch.Confirm && later.OfferedRate == step.OfferedRate));
}
