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

    [Theory]
    [InlineData(200, 99.0, 2)]
    [InlineData(200, 99.9, 1)]
    [InlineData(1000, 99.9, 1)]
    [InlineData(10_000, 99.9, 10)]
    [InlineData(20_000, 99.0, 200)]
    [InlineData(0, 99.0, 0)]
    public void A_percentile_says_how_many_requests_it_rests_on(long count, double percentile, long beyond) =>
        Assert.Equal(beyond, new LatencySummary { Count = count }.CountBeyond(percentile));
}
