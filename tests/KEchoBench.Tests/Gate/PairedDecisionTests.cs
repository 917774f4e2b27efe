using KEchoBench.Bench.Gate;
using KEchoBench.Bench.Statistics;
using Xunit;

namespace KEchoBench.Tests.Gate;

/// <summary>Synthetic per-pair ratios where the answer is known.</summary>
public sealed class PairedDecisionTests
{
    [Fact]
    public void A_clear_slowdown_is_slower()
    {
        var decision = PairedDecision.Decide("time", Ratios(1.20, 0.03, 20, seed: 1), margin: 0.05, alpha: 0.01, new Random(1));
        Assert.Equal(GateOutcome.Slower, decision.Outcome);
        Assert.InRange(decision.MedianRatio, 1.15, 1.25);
        Assert.True(decision.PValue < 0.01);
        Assert.True(decision.IntervalLow > 1.1);
    }

    [Fact]
    public void Unchanged_and_tight_is_same()
    {
        var decision = PairedDecision.Decide("time", Ratios(1.00, 0.01, 20, seed: 2), margin: 0.05, alpha: 0.01, new Random(2));
        Assert.Equal(GateOutcome.Same, decision.Outcome);
        Assert.True(decision.IntervalHigh <= 1.05);
    }

    [Fact]
    public void A_speedup_is_same_for_a_gate()
    {
        var decision = PairedDecision.Decide("time", Ratios(0.80, 0.02, 20, seed: 3), margin: 0.05, alpha: 0.01, new Random(3));
        Assert.Equal(GateOutcome.Same, decision.Outcome);
    }

    [Fact]
    public void Unchanged_but_scattered_is_undecided()
    {
        var decision = PairedDecision.Decide("time", Ratios(1.00, 0.40, 20, seed: 4), margin: 0.05, alpha: 0.01, new Random(4));
        Assert.Equal(GateOutcome.Undecided, decision.Outcome);
        Assert.True(decision.IntervalHigh > 1.05);
    }

    [Fact]
    public void A_significant_change_inside_the_margin_is_not_slower()
    {
        // 2 % slower every time: the test is sure, but the margin says it does not matter.
        var decision = PairedDecision.Decide("cpu", Ratios(1.02, 0.002, 20, seed: 5), margin: 0.05, alpha: 0.01, new Random(5));
        Assert.True(decision.PValue < 0.01);
        Assert.Equal(GateOutcome.Same, decision.Outcome);
    }

    [Fact]
    public void A_significant_test_whose_interval_still_holds_no_change_is_not_slower()
    {
        // 14 pairs a little slower, 6 a little faster: the signed-rank test is sure (the faster
        // pairs have the smallest ranks), the median is past the margin, but a resample with half
        // its pairs from the faster six is likely enough that the interval reaches below 1.
        double[] ratios = [.. Enumerable.Range(0, 14).Select(i => 1.06 + (0.001 * i)), .. Enumerable.Repeat(0.95, 6)];
        var decision = PairedDecision.Decide("cpu", ratios, margin: 0.05, alpha: 0.01, new Random(8));
        Assert.True(decision.PValue < 0.01, $"p {decision.PValue}");
        Assert.True(decision.MedianRatio > 1.05, $"median {decision.MedianRatio}");
        Assert.True(decision.IntervalLow <= 1, $"interval low {decision.IntervalLow}");
        Assert.Equal(GateOutcome.Undecided, decision.Outcome);
    }

    [Fact]
    public void Ratios_that_cannot_be_formed_are_left_out_and_none_at_all_is_undecided()
    {
        var decision = PairedDecision.Decide("p99", [double.NaN, double.NaN], margin: 0.1, alpha: 0.01, new Random(6));
        Assert.Equal(0, decision.Pairs);
        Assert.Equal(GateOutcome.Undecided, decision.Outcome);
        Assert.Equal(3, PairedDecision.Decide("p99", [1, double.NaN, 1, double.PositiveInfinity, 1], 0.1, 0.01, new Random(6)).Pairs);
    }

    [Fact]
    public void The_bootstrap_interval_holds_the_median_and_repeats_with_its_seed()
    {
        double[] values = Ratios(1.1, 0.1, 25, seed: 7);
        var first = MedianBootstrap.Interval(values, 0.98, new Random(9));
        var again = MedianBootstrap.Interval(values, 0.98, new Random(9));
        double median = SampleMedian.Of(values);
        Assert.Equal(first, again);
        Assert.InRange(median, first.Low, first.High);
        Assert.True(first.High - first.Low < values.Max() - values.Min(), "the median's interval is narrower than the data");
        Assert.Equal((2.0, 2.0), MedianBootstrap.Interval([2, 2, 2, 2], 0.98, new Random(1)));
    }

    [Fact]
    public void The_bootstrap_interval_covers_the_true_median_about_as_often_as_it_says()
    {
        var random = new Random(11);
        int covered = 0;
        const int Trials = 200;
        for (int t = 0; t < Trials; t++)
        {
            var sample = Enumerable.Range(0, 30).Select(_ => 1 + (random.NextDouble() - 0.5)).ToArray(); // true median 1
            var (low, high) = MedianBootstrap.Interval(sample, 0.90, random, resamples: 500);
            if (low <= 1 && 1 <= high)
            {
                covered++;
            }
        }

        // Nominal 90 %; the percentile bootstrap of a median of 30 runs close to it.
        Assert.InRange(covered, 160, 200);
    }

    [Fact]
    public void A_pair_with_a_count_neither_made_has_ratio_one()
    {
        var zero = new SideRound(new Dictionary<string, double> { ["syscr"] = 0, ["time"] = 10 }, 0, 100, 0);
        var some = new SideRound(new Dictionary<string, double> { ["syscr"] = 2, ["time"] = 12 }, 0.05, 100, 0);
        Assert.Equal(1, new RoundPair(0, 0, false, zero, zero).Ratio(GateMetric.Reads));
        Assert.True(double.IsNaN(new RoundPair(0, 0, false, zero, some).Ratio(GateMetric.Reads)));
        Assert.Equal(1.2, new RoundPair(0, 0, true, zero, some).Ratio(GateMetric.Time), 12);
        Assert.True(double.IsNaN(new RoundPair(0, 0, true, zero, some).Ratio(GateMetric.P99)), "a metric not measured has no ratio");
        Assert.Equal(0.05, new RoundPair(0, 0, true, zero, some).StealFraction);
    }

    [Fact]
    public void Allocations_are_compared_over_a_floor_of_one_byte_so_that_a_change_from_none_counts()
    {
        SideRound Alloc(double bytes) => new(new Dictionary<string, double> { ["alloc"] = bytes }, 0, 100, 0);
        Assert.Equal(25, new RoundPair(0, 0, false, Alloc(0), Alloc(24)).Ratio(GateMetric.Allocated), 12);
        Assert.Equal(1, new RoundPair(0, 0, false, Alloc(0), Alloc(0)).Ratio(GateMetric.Allocated), 12);
        Assert.Equal(1.01, new RoundPair(0, 0, false, Alloc(0), Alloc(0.01)).Ratio(GateMetric.Allocated), 12);
        Assert.True(new RoundPair(0, 0, false, Alloc(0), Alloc(0)).Measured(GateMetric.Allocated));
        Assert.False(new RoundPair(0, 0, false, Alloc(0), Alloc(0)).Measured(GateMetric.Time));
    }

    /// <summary>Ratios around <paramref name="center"/>, spread uniformly ±<paramref name="spread"/>.</summary>
    internal static double[] Ratios(double center, double spread, int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => center * (1 + ((random.NextDouble() - 0.5) * 2 * spread))).ToArray();
    }
}
