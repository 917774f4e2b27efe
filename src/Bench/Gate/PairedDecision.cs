using KEchoBench.Bench.Statistics;

namespace KEchoBench.Bench.Gate;

/// <summary>
/// Decides one metric from its per-pair ratios head/base (lower is better for every gate metric):
/// <list type="bullet">
/// <item><b>slower</b> when the Wilcoxon signed-rank test of the log ratios says the head is
/// higher (p &lt; alpha), the median ratio is above 1 + margin, and the lower end of the bootstrap
/// interval of the median ratio is above 1;</item>
/// <item><b>same</b> when the upper end of the bootstrap interval of the median ratio is at most
/// 1 + margin: any slowdown there is, is within the margin;</item>
/// <item><b>undecided</b> otherwise.</item>
/// </list>
/// The interval's confidence is 1 − 2·alpha, so that each of its ends is a one-sided bound at
/// alpha, like the test.
/// <para>
/// The test and the interval ask different questions: the signed-rank test is about the ratios'
/// centre of symmetry and leans on every pair, the interval is about their median and ignores how
/// far the outlying pairs lie. On a noisy runner a few pairs far above 1 can make the test
/// significant while half the pairs sit at or below 1 (seen: a median of 1.053 with p 0.008 and an
/// interval of [0.986, 1.149], a false alarm). A slowdown is reported only when both agree: the
/// interval must leave out "no change" as well.
/// </para>
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
        double median = SampleMedian.Of(usable);
        var (low, high) = MedianBootstrap.Interval(usable, 1 - (2 * alpha), random);
        double limit = 1 + margin;
        var outcome = p < alpha && median > limit && low > 1 ? GateOutcome.Slower
            : high <= limit ? GateOutcome.Same
            : GateOutcome.Undecided;
        return new MetricDecision(metric, usable.Length, median, low, high, p, margin, outcome);
    }
}
