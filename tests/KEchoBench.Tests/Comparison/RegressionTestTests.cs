using KEchoBench.Bench.Comparison;
using Xunit;

namespace KEchoBench.Tests.Comparison;

/// <summary>The verdicts of the statistical test on synthetic samples.</summary>
public sealed class RegressionTestTests
{
    private static readonly ComparisonSettings Settings = ComparisonSettings.Default;

    [Fact]
    public void Identical_samples_are_the_same()
    {
        double[] values = SyntheticRuns.Sample(100, 0.05, 10, seed: 1);
        var outcome = RegressionTest.Compare(ComparisonMetric.Time, values, values, Settings);
        Assert.Equal(Verdict.Same, outcome.Verdict);
        Assert.Equal(1.0, outcome.Ratio, 12);
        Assert.False(outcome.IsRegression);
    }

    [Fact]
    public void Thirty_percent_slower_is_slower()
    {
        double[] before = SyntheticRuns.Sample(100, 0.05, 10, seed: 2);
        double[] after = SyntheticRuns.Sample(130, 0.05, 10, seed: 3);
        var outcome = RegressionTest.Compare(ComparisonMetric.Time, before, after, Settings);
        Assert.Equal(Verdict.Slower, outcome.Verdict);
        Assert.True(outcome.IsRegression);
        Assert.InRange(outcome.Ratio, 1.15, 1.45);
        Assert.True(outcome.PValue < Settings.Alpha, $"p = {outcome.PValue}");
    }

    [Fact]
    public void Thirty_percent_faster_is_faster_and_not_a_regression()
    {
        double[] before = SyntheticRuns.Sample(130, 0.05, 10, seed: 4);
        double[] after = SyntheticRuns.Sample(100, 0.05, 10, seed: 5);
        var outcome = RegressionTest.Compare(ComparisonMetric.Time, before, after, Settings);
        Assert.Equal(Verdict.Faster, outcome.Verdict);
        Assert.False(outcome.IsRegression);
        Assert.True(outcome.Ratio < 1);
    }

    [Fact]
    public void Noisy_but_equal_samples_are_the_same()
    {
        // 10 % CV: medians differ by chance, the test must not call it a change.
        double[] before = SyntheticRuns.Sample(100, 0.10, 10, seed: 6);
        double[] after = SyntheticRuns.Sample(100, 0.10, 10, seed: 7);
        var outcome = RegressionTest.Compare(ComparisonMetric.Time, before, after, Settings);
        Assert.NotEqual(1.0, outcome.Ratio);
        Assert.Equal(Verdict.Same, outcome.Verdict);
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(1, 10)]
    public void Too_few_samples_cannot_decide_even_a_large_shift(int n, int m)
    {
        double[] before = SyntheticRuns.Sample(100, 0.01, n, seed: 8);
        double[] after = SyntheticRuns.Sample(200, 0.01, m, seed: 9);
        var outcome = RegressionTest.Compare(ComparisonMetric.Time, before, after, Settings);
        Assert.Equal(Verdict.TooFewSamples, outcome.Verdict);
        Assert.False(outcome.IsRegression);
        Assert.True(outcome.SmallestPossiblePValue >= Settings.Alpha);
        Assert.InRange(outcome.Ratio, 1.9, 2.1);
    }

    [Fact]
    public void Four_per_side_is_enough_for_a_clear_shift()
    {
        double[] before = SyntheticRuns.Sample(100, 0.01, 4, seed: 10);
        double[] after = SyntheticRuns.Sample(200, 0.01, 4, seed: 11);
        var outcome = RegressionTest.Compare(ComparisonMetric.Time, before, after, Settings);
        Assert.Equal(Verdict.Slower, outcome.Verdict);
    }

    [Theory]
    [InlineData(2, 2, 1.0 / 6)]
    [InlineData(3, 3, 1.0 / 20)]
    [InlineData(5, 5, 1.0 / 252)]
    [InlineData(10, 10, 1.0 / 184756)]
    public void Smallest_possible_p_value_is_one_over_the_binomial_coefficient(int n, int m, double expected)
    {
        Assert.Equal(expected, RegressionTest.SmallestPossiblePValue(n, m), 9);
    }

    [Fact]
    public void Very_large_samples_still_give_sound_verdicts()
    {
        // Perfolizer's large-sample path breaks beyond about 1000 values per side; pooled exports can get there.
        double[] before = SyntheticRuns.Sample(100, 0.05, 3000, seed: 15);
        double[] same = SyntheticRuns.Sample(100, 0.05, 3000, seed: 16);
        double[] slower = SyntheticRuns.Sample(120, 0.05, 3000, seed: 17);
        var unchanged = RegressionTest.Compare(ComparisonMetric.Time, before, same, Settings);
        var changed = RegressionTest.Compare(ComparisonMetric.Time, before, slower, Settings);
        Assert.Equal(Verdict.Same, unchanged.Verdict);
        Assert.True(double.IsFinite(unchanged.PValue) && unchanged.PValue > Settings.Alpha, $"p = {unchanged.PValue}");
        Assert.Equal(Verdict.Slower, changed.Verdict);
        Assert.Equal(3000, changed.BaseCount);
    }

    [Fact]
    public void A_change_within_the_threshold_is_the_same_but_shows_without_threshold()
    {
        // A clean 3 % shift: real, but below the 5 % threshold.
        double[] before = SyntheticRuns.Sample(100, 0.002, 10, seed: 12);
        double[] after = before.Select(v => v * 1.03).ToArray();
        Assert.Equal(Verdict.Same, RegressionTest.Compare(ComparisonMetric.Time, before, after, Settings).Verdict);
        var strict = Settings with { ThresholdPercent = 0 };
        Assert.Equal(Verdict.Slower, RegressionTest.Compare(ComparisonMetric.Time, before, after, strict).Verdict);
    }

    [Fact]
    public void A_throughput_drop_is_slower_and_a_rise_is_faster()
    {
        double[] high = SyntheticRuns.Sample(10000, 0.05, 10, seed: 13);
        double[] low = SyntheticRuns.Sample(7000, 0.05, 10, seed: 14);
        var drop = RegressionTest.Compare(ComparisonMetric.Rps, high, low, Settings);
        Assert.Equal(Verdict.Slower, drop.Verdict);
        Assert.True(drop.Ratio < 1);
        Assert.Equal(Verdict.Faster, RegressionTest.Compare(ComparisonMetric.Rps, low, high, Settings).Verdict);
    }

    [Fact]
    public void An_empty_side_has_no_data()
    {
        var outcome = RegressionTest.Compare(ComparisonMetric.Cpu, [1.0, 2.0, 3.0, 4.0], [], Settings);
        Assert.Equal(Verdict.NoData, outcome.Verdict);
        Assert.False(outcome.IsRegression);
    }
}
