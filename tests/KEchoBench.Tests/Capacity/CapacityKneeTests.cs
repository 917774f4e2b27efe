using KEchoBench.Bench.Capacity;
using KEchoBench.Bench.Results;
using Xunit;

namespace KEchoBench.Tests.Capacity;

/// <summary>The knee of the latency–throughput curve on crafted steps where it is known.</summary>
public class CapacityKneeTests
{
    private static CapacityStep Step(double offered, double p99Us, string phase = CapacitySearch.Ascend, bool sustained = true) => new()
    {
        Phase = phase,
        OfferedRate = offered,
        DeliveredRate = offered,
        Requests = 1_000,
        Sustained = sustained,
        Latency = new LatencySummary { Count = 1_000, P99Us = p99Us },
    };

    [Fact]
    public void The_knee_is_the_highest_rate_before_p99_doubles()
    {
        // p99 flat at 1 ms up to 16,000/s, then 5 ms at 32,000/s: the queue takes over between them.
        CapacityStep[] steps = [Step(2_000, 1_000), Step(4_000, 1_100), Step(8_000, 1_200), Step(16_000, 1_900), Step(32_000, 5_000, sustained: false), Step(22_627, 1_950, CapacitySearch.Bisect)];

        Assert.Equal(22_627, CapacityKnee.Of(steps));
    }

    [Fact]
    public void A_stall_that_its_second_try_did_not_repeat_does_not_set_the_knee()
    {
        // At 4,000/s one try stalled (p99 40 ms); its second try at the same rate held 1.1 ms.
        CapacityStep[] steps =
        [
            Step(2_000, 1_000), Step(4_000, 40_000, sustained: false), Step(4_000, 1_100, CapacitySearch.Confirm),
            Step(8_000, 1_200), Step(16_000, 1_900), Step(32_000, 5_000, sustained: false), Step(32_000, 6_000, CapacitySearch.Confirm, sustained: false),
        ];

        Assert.Equal(16_000, CapacityKnee.Of(steps));

        // The same stall with no second try after it is where latency rose, as far as the steps tell.
        CapacityStep[] untried = [Step(2_000, 1_000), Step(4_000, 40_000, sustained: false), Step(8_000, 1_200), Step(16_000, 1_900)];
        Assert.Equal(2_000, CapacityKnee.Of(untried));
    }

    [Fact]
    public void A_second_try_that_also_rose_keeps_the_knee_below_it()
    {
        CapacityStep[] steps = [Step(2_000, 1_000), Step(4_000, 1_100), Step(8_000, 9_000, sustained: false), Step(8_000, 8_000, CapacitySearch.Confirm, sustained: false)];

        Assert.Equal(4_000, CapacityKnee.Of(steps));
    }
}
