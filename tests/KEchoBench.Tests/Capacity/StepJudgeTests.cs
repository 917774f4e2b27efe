using KEchoBench.Bench.Capacity;
using KEchoBench.Bench.Results;
using Xunit;

namespace KEchoBench.Tests.Capacity;

public class StepJudgeTests
{
    private static readonly CapacitySettings Settings = new() { Objective = ServiceLevelObjective.Parse("p99=10ms,p99.9=50ms") };

    private static CapacityStep Step(double offered, double delivered, long requests, double p99Ms, double p999Ms, long errors = 0) => new()
    {
        Phase = CapacitySearch.Ascend,
        OfferedRate = offered,
        DeliveredRate = delivered,
        Requests = requests,
        Errors = errors,
        Latency = new LatencySummary { Count = requests, P99Us = p99Ms * 1000, P999Us = p999Ms * 1000 },
    };

    [Fact]
    public void A_step_within_every_condition_is_sustained()
    {
        var judged = StepJudge.Judge(Step(10_000, 9_950, 4_000, 9, 49), Settings);

        Assert.True(judged.Sustained);
        Assert.Null(judged.Why);
    }

    [Theory]
    [InlineData(9_850, 4_000, 5, 5, 0, "delivered")]
    [InlineData(10_000, 4_000, 11, 5, 0, "p99 11.0 ms > 10.0 ms")]
    [InlineData(10_000, 4_000, 5, 60, 0, "p99.9 60.0 ms > 50.0 ms")]
    [InlineData(10_000, 4_000, 5, 5, 1, "1 request failed")]
    public void Each_condition_fails_a_step_and_is_named(double delivered, long requests, double p99, double p999, long errors, string reason)
    {
        var judged = StepJudge.Judge(Step(10_000, delivered, requests, p99, p999, errors), Settings);

        Assert.False(judged.Sustained);
        Assert.Contains(reason, judged.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void P999_is_judged_only_where_the_step_resolves_it()
    {
        // 999 requests: p99.9 is the maximum under another name (the resolution rule), so not judged.
        Assert.True(StepJudge.Judge(Step(2_000, 2_000, 999, 5, 80), Settings).Sustained);
        Assert.False(StepJudge.Judge(Step(2_000, 2_000, 1_000, 5, 80), Settings).Sustained);
    }

    [Theory]
    [InlineData("p99")]
    [InlineData("p99=")]
    [InlineData("p101=1ms")]
    [InlineData("p99=10ms,p99=20ms")]
    [InlineData("q99=1ms")]
    [InlineData("p99=-1ms")]
    [InlineData("")]
    public void A_bad_objective_is_refused_with_the_reason(string text)
    {
        Assert.False(ServiceLevelObjective.TryParse(text, out _, out string error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void An_objective_round_trips()
    {
        Assert.Equal("p99=10ms,p99.9=50ms", ServiceLevelObjective.Default.ToString());
        Assert.Equal("p99=500us", ServiceLevelObjective.Parse("P99=0.5ms").ToString());
    }
}
