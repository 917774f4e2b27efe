using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;
using KEchoBench.Tests.Reports;
using Xunit;

namespace KEchoBench.Tests.Attribution;

public sealed class TimeBreakdownTests
{
    private static readonly ProcessTimes Server = new()
    {
        RunningMs = 100, RunQueueWaitMs = 50, BlockedMs = 850, ThreadMs = 1000, ThreadsStarted = 1000, VoluntarySwitches = 2000,
    };

    [Fact]
    public void The_chart_splits_thread_time_and_flags_rounds_the_kernel_or_the_client_decided()
    {
        // A generator that waits more in total than the server but for a smaller share of its CPU time is not flagged.
        var quiet = new RoundAttribution { Server = Server, Client = new ProcessTimes { RunningMs = 900, RunQueueWaitMs = 100 }, Tcp = new TcpCountersMoved() };
        var overflowed = quiet with { Tcp = new TcpCountersMoved { ListenOverflows = 3 } };
        // 80 % of its wanted time waiting against the server's 33 %; 240 µs per request (3 rounds of 333 requests) of a 10 µs round trip.
        var clientBound = quiet with { Client = new ProcessTimes { RunningMs = 20, RunQueueWaitMs = 80 } };
        var run = WithAttribution(CraftedRuns.Case("burst", "thread", 1000, 10, 20, rounds: 3), [quiet, overflowed, clientBound]);

        var chart = string.Join("\n", TimeBreakdown.Chart(ScenarioData.From(CraftedRuns.Run("quick", run))[0]));

        Assert.Contains("[##~.................] running 10.0 %, waiting for a CPU 5.0 %, blocked/idle 85.0 %", chart);
        Assert.Contains("accept backlog overflowed (machine-wide counter) in round(s) 2", chart);
        Assert.Contains("waited for a CPU clearly more than the server in round(s) 3 (its threads waited 80 % of the time they wanted a CPU, the server's 33 %", chart);
    }

    [Fact]
    public void Without_schedstat_the_chart_says_why_instead_of_zero()
    {
        var absent = new RoundAttribution { Server = new ProcessTimes { SchedStatAbsent = "no schedstat here", ThreadMs = 10 } };
        var run = WithAttribution(CraftedRuns.Case("burst", "thread", 10, 10, 20, rounds: 1), [absent]);

        var chart = Assert.Single(TimeBreakdown.Chart(ScenarioData.From(CraftedRuns.Run("quick", run))[0]));

        Assert.Contains("– (no schedstat here)", chart);
        Assert.DoesNotContain("0.0 %", chart);
    }

    [Fact]
    public void The_line_under_a_finding_compares_the_engines_at_the_most_clients()
    {
        var thread = WithAttribution(CraftedRuns.Case("burst", "thread", 1000, 10, 20, rounds: 1, requests: 1000), [new RoundAttribution { Server = Server }]);
        var cmwq = WithAttribution(CraftedRuns.Case("burst", "cmwq", 1000, 10, 20, rounds: 1, requests: 1000), [new RoundAttribution { Server = Server with { ThreadsStarted = 2, RunQueueWaitMs = 5 } }]);

        string? line = TimeBreakdown.Evidence(ScenarioData.From(CraftedRuns.Run("quick", thread, cmwq))[0]);

        Assert.NotNull(line);
        Assert.Contains("thread: 1000 threads started, run-queue wait 50 µs per request", line);
        Assert.Contains("against cmwq: 2 threads started, run-queue wait 5 µs per request", line);
    }

    private static CaseResult WithAttribution(CaseResult @case, IReadOnlyList<RoundAttribution> rounds) => @case with
    {
        Iterations = [.. @case.Iterations.Select((i, n) => i with { Attribution = rounds[n] })],
        Overall = @case.Overall! with { Attribution = rounds.Skip(1).Aggregate(rounds[0], (a, b) => a.Plus(b)) },
    };
}
