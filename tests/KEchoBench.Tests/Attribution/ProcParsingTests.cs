using KEchoBench.Bench.Attribution;
using Xunit;

namespace KEchoBench.Tests.Attribution;

public sealed class ProcParsingTests
{
    [Fact]
    public void Schedstat_is_time_on_cpu_time_waiting_and_timeslices()
    {
        Assert.Equal(new SchedStat(3030798, 9059217, 2), SchedStat.Parse("3030798 9059217 2\n"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12 34")]
    [InlineData("12 x 3")]
    [InlineData("-1 2 3")]
    public void A_line_that_is_not_schedstat_reads_as_null(string text)
    {
        Assert.Null(SchedStat.Parse(text));
    }

    [Fact]
    public void Status_gives_both_switch_counts()
    {
        Assert.Equal(new ContextSwitches(1234, 56), ContextSwitches.Parse(ProcFixture.Status(1234, 56).Split('\n')));
    }

    [Fact]
    public void Status_without_switch_counts_reads_as_null()
    {
        Assert.Null(ContextSwitches.Parse(["Name:\tx", "voluntary_ctxt_switches:\t3"]));
    }

    [Fact]
    public void Stat_is_parsed_after_the_last_parenthesis_of_the_name()
    {
        Assert.Equal(new GroupTimes(517, 42, 23), GroupTimes.Parse(ProcFixture.Stat(4242, 517, 42, 23)));
        Assert.Null(GroupTimes.Parse("4242 (truncated"));
    }

    [Fact]
    public void Netstat_and_snmp_give_the_backlog_and_retransmit_counters()
    {
        var counters = TcpCounters.From(ProcFixture.NetStat, ProcFixture.Snmp);

        Assert.Equal(new TcpCounters(4430, 4431, 12, 7), counters);
    }

    [Fact]
    public void Signed_counters_and_other_groups_are_read_by_name()
    {
        var table = NetCounterTable.Parse(ProcFixture.Snmp);

        Assert.Equal(-1, table["Tcp.MaxConn"]);
        Assert.Equal(90211, table["Ip.InReceives"]);
    }

    [Fact]
    public void Files_without_the_backlog_counters_read_as_null()
    {
        Assert.Null(TcpCounters.From("IpExt: InNoRoutes\nIpExt: 0\n", ProcFixture.Snmp));
    }

    [Fact]
    public void Counters_that_moved_are_the_difference()
    {
        var before = new TcpCounters(4430, 4431, 12, 7);
        var after = new TcpCounters(4433, 4434, 12, 9);

        Assert.Equal(new TcpCounters(3, 3, 0, 2), after.Since(before));
    }

    [Fact]
    public void A_process_is_read_thread_by_thread()
    {
        using var proc = new ProcFixture();
        proc.WriteProcess(4242, 10, 5, (4242, "1000 200 3\n", 7, 1), (4243, "5000 0 9\n", 70, 2));
        proc.WriteNet();
        var reader = new ProcReader(proc.Root);

        var snapshot = reader.Snapshot(4242)!;

        Assert.Null(snapshot.SchedStatAbsent);
        Assert.Equal(2, snapshot.Tasks.Count);
        Assert.Equal(new TaskReading(new SchedStat(5000, 0, 9), new ContextSwitches(70, 2)), snapshot.Tasks[4243]);
        Assert.Equal(new GroupTimes(10, 5, 2), snapshot.Group);
        Assert.Equal(4430, reader.Tcp()!.Value.ListenOverflows);
        Assert.Null(reader.Snapshot(4343));
    }

    [Fact]
    public void A_kernel_without_schedstat_gives_its_figures_as_absent_with_the_reason_never_zero()
    {
        using var proc = new ProcFixture();
        proc.WriteProcess(4242, 10, 5, (4242, null, 7, 1));
        var reader = new ProcReader(proc.Root);
        var ledger = new ThreadTimeLedger(reader.Snapshot(4242)!);
        proc.WriteProcess(4242, 20, 5, (4242, null, 9, 1));

        var times = ledger.Finish(reader.Snapshot(4242)!, TimeSpan.FromMilliseconds(100), 100);

        Assert.Equal(ProcReader.NoSchedStat, times.SchedStatAbsent);
        Assert.Null(times.RunQueueWaitMs);
        Assert.Null(times.RunningMs);
        Assert.Null(times.BlockedMs);
        Assert.Null(times.SeenCpuShare);

        // What does not need schedstat is still there.
        Assert.Equal(2, times.VoluntarySwitches);
        Assert.Equal(100, times.UserMs);
    }
}
