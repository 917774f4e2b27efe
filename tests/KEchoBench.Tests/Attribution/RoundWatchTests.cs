using KEchoBench.Bench.Attribution;
using Xunit;

namespace KEchoBench.Tests.Attribution;

public sealed class RoundWatchTests
{
    [Fact]
    public void The_server_is_read_between_the_edges_and_the_load_generator_only_at_them()
    {
        using var proc = new ProcFixture();
        proc.WriteProcess(4242, 10, 5, (4242, "1000 200 3\n", 7, 1));
        proc.WriteProcess(Environment.ProcessId, 10, 5, (Environment.ProcessId, "1000 200 3\n", 7, 1));
        proc.WriteNet();

        using var watch = RoundWatch.Start(4242, TimeSpan.FromMilliseconds(10), new ProcReader(proc.Root), proc.RuntimeEndpoint);
        // Until two polls are in, not for a time: the polls run on the ThreadPool, whose threads a
        // test host can hold for half a second (run alone on 2 cores, the first poll came after 0.6 s).
        Assert.True(SpinWait.SpinUntil(() => watch.Polls >= 2, TimeSpan.FromSeconds(30)), $"{watch.Polls} polls in 30 s");
        var round = watch.Finish(null, null);

        Assert.Equal(2, round.Client!.Samples);
        Assert.True(round.Server!.Samples > 2, $"the server was read {round.Server.Samples} times");
        Assert.True(round.Server.Samples >= 2 + 2, $"the server was read {round.Server.Samples} times: the two edges and at least two polls");
        Assert.Equal(RuntimeCounterClient.NoEndpoint, round.RuntimeAbsent);
    }

    [Fact]
    public void A_poll_reads_schedstat_and_takes_switches_from_the_last_full_read_but_reads_a_new_threads_status()
    {
        using var proc = new ProcFixture();
        proc.WriteProcess(4242, 10, 5, (4242, "1000 200 3\n", 7, 1));
        var reader = new ProcReader(proc.Root);
        var start = reader.Snapshot(4242)!;
        proc.WriteProcess(4242, 20, 5, (4242, "5000 300 9\n", 70, 4), (4243, "800 100 2\n", 5, 2));

        var poll = reader.Poll(4242, start)!;

        Assert.Equal(new TaskReading(new SchedStat(5000, 300, 9), new ContextSwitches(7, 1)), poll.Tasks[4242]);
        Assert.Equal(new TaskReading(new SchedStat(800, 100, 2), new ContextSwitches(5, 2)), poll.Tasks[4243]);
        Assert.Equal(new ContextSwitches(70, 4), reader.Snapshot(4242)!.Tasks[4242].Switches);
    }
}
