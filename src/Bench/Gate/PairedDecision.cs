namespace KEchoBench.Bench.Gate;

/// <summary>
/// Decides one metric from its per-pair ratios head/base (lower is better for every gate metric):
/// <list type="bullet">
/// <item><b>slower</b> when the Wilcoxon signed-rank test of the log ratios says the head is
/// higher (p &lt; alpha) and the median ratio is above 1 + margin;</item>
/// <item><b>same</b> when the upper end of the bootstrap interval of the median ratio is at most
/// 1 + margin: any slowdown there is, is within the margin;</item>
/// <item><b>undecided</b> otherwise.</item>
/// </list>
/// The interval's confidence is 1 − 2·alpha, so that its upper end is a one-sided bound at alpha,
/// like the test.
/// </summary>
internal static class PairedDecision
{
    public static MetricDecision Decide(string metric, IReadOnlyList<double> ratios, double margin, double alpha, Random random)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        double[] usable = ratios.Where(r => r > 0 && double.IsFinite(r)).ToArray();
        if (usable.Length == 0)
        {
            return new MetricDecision(metric, 0, double.NaN, double.NaN, double.NaN, double.NaN, margin, GateOutcome.Undecided);
        }

        double p = SignedRankTest.PValueGreater(usable.Select(r => Math.Log(r)).ToArray());
        double median = MedianBootstrap.Median(usable.ToArray());
        var (low, high) = MedianBootstrap.Interval(usable, 1 - (2 * alpha), random);
        double limit = 1 + margin;
        var outcome = p < alpha && median > limit ? GateOutcome.Slower
            : high <= limit ? GateOutcome.Same
            : GateOutcome.Undecided;
        return new MetricDecision(metric, usable.Length, median, low, high, p, margin, outcome);
    }
}
