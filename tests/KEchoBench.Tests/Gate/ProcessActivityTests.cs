using System.Diagnostics;
using KEchoBench.Bench.Processes;
using Xunit;

namespace KEchoBench.Tests.Gate;

public sealed class ProcessActivityTests
{
    [Fact]
    public void Sleeping_adds_voluntary_switches_to_the_sleeping_thread()
    {
        var before = ProcFs.Activity(Environment.ProcessId);
        Assert.NotNull(before);
        for (int i = 0; i < 20; i++)
        {
            Thread.Sleep(1);
        }

        var delta = ProcFs.Activity(Environment.ProcessId)!.Since(before);
        Assert.True(delta.VoluntarySwitches >= 20, $"20 sleeps gave {delta.VoluntarySwitches} voluntary switches");
        Assert.True(delta.ReadCalls >= 0 && delta.WriteCalls >= 0);
    }

    [Fact]
    public void A_thread_that_ended_takes_its_switches_away_instead_of_going_negative()
    {
        var before = new ProcessActivity(new Dictionary<int, (long, long)> { [1] = (100, 10), [2] = (50, 5) }, 10, 20);
        var after = new ProcessActivity(new Dictionary<int, (long, long)> { [1] = (130, 12), [3] = (7, 1) }, 15, 20);
        var delta = after.Since(before);
        Assert.Equal(37, delta.VoluntarySwitches);
        Assert.Equal(3, delta.InvoluntarySwitches);
        Assert.Equal(5, delta.ReadCalls);
        Assert.Equal(0, delta.WriteCalls);
    }

    [Fact]
    public void Steal_time_is_read_where_the_kernel_reports_it()
    {
        var steal = ProcFs.StealTime();
        Assert.NotNull(steal);
        Assert.True(steal >= TimeSpan.Zero);
    }

    [Fact]
    public void A_process_pinned_runs_on_the_cpus_it_was_given_only()
    {
        var allowed = CpuAffinity.Allowed();
        Assert.NotEmpty(allowed);
        using var child = Process.Start(new ProcessStartInfo("sleep", "5") { UseShellExecute = false })!;
        try
        {
            Assert.True(CpuAffinity.Pin(child.Id, [allowed[^1]]));
            string line = File.ReadLines($"/proc/{child.Id}/status").Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
            Assert.Equal(allowed[^1].ToString(System.Globalization.CultureInfo.InvariantCulture), line.Split(':')[1].Trim());
        }
        finally
        {
            child.Kill();
        }
    }
}
