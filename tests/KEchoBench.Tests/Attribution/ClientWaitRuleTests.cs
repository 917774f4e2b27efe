using KEchoBench.Bench.Results;
using Xunit;

namespace KEchoBench.Tests.Attribution;

public sealed class ClientWaitRuleTests
{
    // The server wanted a CPU for 150 ms of thread time and waited 50 of it: a third.
    private static readonly ProcessTimes Server = new() { RunningMs = 100, RunQueueWaitMs = 50, BlockedMs = 850, ThreadMs = 1000 };

    [Fact]
    public void A_generator_that_waits_more_in_total_but_not_for_its_share_is_not_flagged()
    {
        // Sixteen busy generator threads sum to six times the server's wait, yet wait a smaller share
        // of the CPU time they want: the old rule (totals) flagged this round.
        var client = new ProcessTimes { RunningMs = 1000, RunQueueWaitMs = 300, ThreadMs = 16000 };

        Assert.False(ClientWaitRule.Applies(new RoundAttribution { Server = Server, Client = client }, requests: 1000, meanLatencyUs: 100));
    }

    [Fact]
    public void A_generator_starved_for_its_share_and_for_a_part_of_each_round_trip_is_flagged()
    {
        // 70 % of its wanted time waiting against the server's 33 %; 70 µs per request of a 100 µs round trip.
        var client = new ProcessTimes { RunningMs = 30, RunQueueWaitMs = 70, ThreadMs = 2000 };

        Assert.True(ClientWaitRule.Applies(new RoundAttribution { Server = Server, Client = client }, requests: 1000, meanLatencyUs: 100));
    }

    [Fact]
    public void A_lopsided_wait_small_against_the_round_trip_is_not_flagged()
    {
        // The same shares, but a thousand queued clients make each round trip 15 ms: 70 µs of it is the generator's.
        var client = new ProcessTimes { RunningMs = 30, RunQueueWaitMs = 70, ThreadMs = 2000 };

        Assert.False(ClientWaitRule.Applies(new RoundAttribution { Server = Server, Client = client }, requests: 1000, meanLatencyUs: 15_000));
    }

    [Fact]
    public void A_share_within_the_margin_is_not_flagged()
    {
        // 45 % against 33 %: more, but less than 15 points more.
        var client = new ProcessTimes { RunningMs = 55, RunQueueWaitMs = 45, ThreadMs = 2000 };

        Assert.False(ClientWaitRule.Applies(new RoundAttribution { Server = Server, Client = client }, requests: 1000, meanLatencyUs: 100));
        Assert.Equal(0.45, ClientWaitRule.WaitingShare(client)!.Value, 9);
    }

    [Fact]
    public void Without_the_scheduler_times_of_either_side_nothing_is_flagged()
    {
        var client = new ProcessTimes { RunningMs = 30, RunQueueWaitMs = 70, ThreadMs = 2000 };
        var absent = new ProcessTimes { SchedStatAbsent = "no schedstat", ThreadMs = 1000 };

        Assert.False(ClientWaitRule.Applies(new RoundAttribution { Server = absent, Client = client }, 1000, 100));
        Assert.False(ClientWaitRule.Applies(new RoundAttribution { Server = Server, Client = absent }, 1000, 100));
        Assert.Null(ClientWaitRule.WaitingShare(absent));
    }
}
