using KEchoBench.Bench.Statistics;

namespace KEchoBench.Bench.Gate;

/// <summary>
/// Pairs during which the hypervisor took a jump of CPU time (steal): above 2 % of the machine's
/// CPU time and three times the case's median. Their ratios say more about the neighbours than
/// about the builds, so the decision leaves them out.
/// </summary>
internal static class StealJumps
{
    public const double Floor = 0.02;

    public static IReadOnlyList<int> Flagged(IReadOnlyList<RoundPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            return [];
        }

        double median = SampleMedian.Of(pairs.Select(p => p.StealFraction));
        double limit = Math.Max(Floor, 3 * median);
        return pairs.Where(p => p.StealFraction > limit).Select(p => p.Index).ToArray();
    }
}
