using KEchoBench.Bench.Attribution;
using Xunit;

namespace KEchoBench.Tests.Attribution;

public sealed class ThreadTimeLedgerTests
{
    private const long Ms = 1_000_000;

    [Fact]
    public void A_thread_that_ends_in_the_round_keeps_what_it_did_until_last_seen()
    {
        var ledger = new ThreadTimeLedger(Snapshot(0, 2, (1, 10 * Ms, 1 * Ms, 5, 0), (2, 0, 0, 0, 0)));
        ledger.Observe(Snapshot(50 * Ms, 2, (1, 20 * Ms, 2 * Ms, 6, 0), (2, 30 * Ms, 4 * Ms, 10, 3)));

        // Thread 2 is gone by the end: its 30 ms running, 4 ms waiting and 13 switches still count.
        var times = ledger.Finish(Snapshot(100 * Ms, 1, (1, 40 * Ms, 3 * Ms, 9, 1)), TimeSpan.FromMilliseconds(60), 100);

        Assert.Equal(30 + 30, times.RunningMs!.Value, 6);
        Assert.Equal(2 + 4, times.RunQueueWaitMs!.Value, 6);
        Assert.Equal(4 + 10, times.VoluntarySwitches);
        Assert.Equal(1 + 3, times.InvoluntarySwitches);
        Assert.Equal(0, times.ThreadsStarted);
        Assert.Equal(3, times.Samples);
        Assert.Equal(1.0, times.SeenCpuShare!.Value, 6);
    }

    [Fact]
    public void A_thread_born_in_the_round_counts_from_zero_and_counts_as_started()
    {
        var ledger = new ThreadTimeLedger(Snapshot(0, 1, (1, 10 * Ms, 0, 0, 0)));

        var times = ledger.Finish(Snapshot(100 * Ms, 2, (1, 10 * Ms, 0, 0, 0), (7, 8 * Ms, 2 * Ms, 4, 1)), null, 100);

        Assert.Equal(1, times.ThreadsStarted);
        Assert.Equal(8, times.RunningMs!.Value, 6);
        Assert.Equal(2, times.RunQueueWaitMs!.Value, 6);
        Assert.Equal(2, times.PeakThreads);
        Assert.Null(times.SeenCpuShare);
    }

    [Fact]
    public void Thread_time_splits_into_running_waiting_and_blocked()
    {
        // One thread for 100 ms, then two for 100 ms: 300 thread-ms (counts integrated between samples).
        var ledger = new ThreadTimeLedger(Snapshot(0, 1, (1, 0, 0, 0, 0)));
        ledger.Observe(Snapshot(100 * Ms, 1, (1, 20 * Ms, 10 * Ms, 0, 0)));
        ledger.Observe(Snapshot(100 * Ms, 2, (1, 20 * Ms, 10 * Ms, 0, 0), (2, 0, 0, 0, 0)));

        var times = ledger.Finish(Snapshot(200 * Ms, 2, (1, 50 * Ms, 10 * Ms, 0, 0), (2, 40 * Ms, 20 * Ms, 0, 0)), TimeSpan.FromMilliseconds(180), 100);

        Assert.Equal(300, times.ThreadMs, 6);
        Assert.Equal(90, times.RunningMs!.Value, 6);
        Assert.Equal(30, times.RunQueueWaitMs!.Value, 6);
        Assert.Equal(180, times.BlockedMs!.Value, 6);
        Assert.Equal(0.5, times.SeenCpuShare!.Value, 6);
    }

    [Fact]
    public void User_and_system_time_are_the_whole_processs_in_ticks()
    {
        var ledger = new ThreadTimeLedger(Snapshot(0, 1, (1, 0, 0, 0, 0)) with { Group = new GroupTimes(100, 50, 1) });

        var times = ledger.Finish(Snapshot(Ms, 1, (1, 0, 0, 0, 0)) with { Group = new GroupTimes(130, 51, 1) }, null, 100);

        Assert.Equal(300, times.UserMs, 6);
        Assert.Equal(10, times.SystemMs, 6);
    }

    private static ProcessSnapshot Snapshot(long atNs, int threads, params (int Tid, long Run, long Wait, long Voluntary, long Involuntary)[] tasks) =>
        new(
            tasks.ToDictionary(t => t.Tid, t => new TaskReading(new SchedStat(t.Run, t.Wait, 0), new ContextSwitches(t.Voluntary, t.Involuntary))),
            new GroupTimes(0, 0, threads),
            atNs,
            null);
}
