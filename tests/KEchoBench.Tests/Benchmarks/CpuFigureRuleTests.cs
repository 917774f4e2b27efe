using KEchoBench.Bench.Results;
using Xunit;

namespace KEchoBench.Tests.Benchmarks;

/// <summary>A server CPU figure is given only for rounds its clock can resolve; otherwise the reason, never a number.</summary>
public sealed class CpuFigureRuleTests
{
    [Fact]
    public void A_round_of_a_hundred_clock_steps_gets_its_figure_and_a_shorter_one_the_reason()
    {
        Assert.Null(CpuFigureRule.WhyAbsent(TimeSpan.FromMilliseconds(100), CpuFigureRule.CpuClockStep, "the CPU clock"));
        Assert.Null(CpuFigureRule.WhyAbsent(TimeSpan.FromSeconds(1), CpuFigureRule.ProcTick, "/proc"));

        string? shortRound = CpuFigureRule.WhyAbsent(TimeSpan.FromMilliseconds(2.1), CpuFigureRule.CpuClockStep, "the CPU clock");
        Assert.Equal("round of 2.1 ms, shorter than the 100 ms the server CPU figure needs (100 × the 1 ms step of the CPU clock)", shortRound);

        // The study's 1 client × 20 requests (about 1 ms) read from /proc's 10 ms ticks: no figure.
        Assert.Contains("1 s", CpuFigureRule.WhyAbsent(TimeSpan.FromMilliseconds(999), CpuFigureRule.ProcTick, "/proc")!, StringComparison.Ordinal);
    }

    [Fact]
    public void Over_several_rounds_the_figure_needs_100_steps_times_the_square_root_of_the_rounds()
    {
        var step = CpuFigureRule.CpuClockStep;

        // kecho-bench: 10 bursts of 63 ms, 630 ms together, over the 316 ms that 10 rounds need.
        Assert.Null(CpuFigureRule.WhyAbsent(TimeSpan.FromMilliseconds(630), 10, step, "the CPU clock"));
        // 10 rounds of 30 ms: 300 ms together is not enough, though one 300 ms round would be.
        Assert.Contains("316.2 ms", CpuFigureRule.WhyAbsent(TimeSpan.FromMilliseconds(300), 10, step, "the CPU clock")!, StringComparison.Ordinal);
        Assert.Null(CpuFigureRule.WhyAbsent(TimeSpan.FromMilliseconds(300), 1, step, "the CPU clock"));
        // 4 rounds need exactly twice one round's 100 steps.
        Assert.Null(CpuFigureRule.WhyAbsent(TimeSpan.FromMilliseconds(200), 4, step, "the CPU clock"));
        Assert.NotNull(CpuFigureRule.WhyAbsent(TimeSpan.FromMilliseconds(199), 4, step, "the CPU clock"));
    }

    [Theory]
    [InlineData(200, 99.0, 2)]
    [InlineData(200, 99.9, 0)] // p99.9 over 200 requests is the max
    [InlineData(1000, 99.9, 1)]
    [InlineData(100, 99.0, 1)]
    [InlineData(10_000, 99.9, 10)]
    [InlineData(20_000, 99.0, 200)]
    [InlineData(0, 99.0, 0)]
    public void A_percentile_says_how_many_requests_it_rests_on(long count, double percentile, long beyond) =>
        Assert.Equal(beyond, new LatencySummary { Count = count }.CountBeyond(percentile));
}
