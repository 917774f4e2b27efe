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
    public void The_table_splits_thread_time_and_flags_rounds_the_kernel_or_the_client_decided()
    {
        // A generator that waits more in total than the server but for a smaller share of its CPU time is not flagged.
        var quiet = new RoundAttribution { Server = Server, Client = new ProcessTimes { RunningMs = 900, RunQueueWaitMs = 100 }, Tcp = new TcpCountersMoved() };
        var overflowed = quiet with { Tcp = new TcpCountersMoved { ListenOverflows = 3 } };
        // 80 % of its wanted time waiting against the server's 33 %; 240 µs per request (3 rounds of 333 requests) of a 10 µs round trip.
        var clientBound = quiet with { Client = new ProcessTimes { RunningMs = 20, RunQueueWaitMs = 80 } };
        var run = WithAttribution(CraftedRuns.Case("burst", "thread", 1000, 10, 20, rounds: 3), [quiet, overflowed, clientBound]);

        var table = TimeBreakdownTable.For(ScenarioData.From(CraftedRuns.Run("quick", run))[0]);

        Assert.NotNull(table);
        var row = Assert.Single(table.Rows);
        Assert.Equal(["1000", "thread", "10.0 %", "5.0 %", "85.0 %", "3.0"], row.Take(6));
        string flags = string.Join("\n", table.Notes!.Where(n => n.StartsWith("FLAG", StringComparison.Ordinal)));
        Assert.Contains("thread at 1000 clients: the accept backlog overflowed (machine-wide counter) in round(s) 2", flags);
        Assert.Contains("waited for a CPU clearly more than the server in round(s) 3 (its threads waited 80 % of the time they wanted a CPU, the server's 33 %", flags);
        Assert.DoesNotContain("round(s) 1", flags);
    }

    [Fact]
    public void Without_schedstat_the_table_says_why_instead_of_zero()
    {
        var absent = new RoundAttribution { Server = new ProcessTimes { SchedStatAbsent = "no schedstat here", ThreadMs = 10 } };
        var run = WithAttribution(CraftedRuns.Case("burst", "thread", 10, 10, 20, rounds: 1), [absent]);

        var row = Assert.Single(TimeBreakdownTable.For(ScenarioData.From(CraftedRuns.Run("quick", run))[0])!.Rows);

        Assert.Equal("– (no schedstat here)", row[2]);
        Assert.DoesNotContain(row, cell => cell.Contains("0.0 %", StringComparison.Ordinal));
    }

    [Fact]
    public void The_line_under_a_scenarios_findings_compares_the_engines_at_its_main_load_point_rounded()
    {
        var thread = WithAttribution(CraftedRuns.Case("burst", "thread", 1000, 10, 20, rounds: 1, requests: 1000),
            [new RoundAttribution { Server = Server with { RunQueueWaitMs = 896.37 } }]);
        var cmwq = WithAttribution(CraftedRuns.Case("burst", "cmwq", 1000, 10, 20, rounds: 1, requests: 1000),
            [new RoundAttribution { Server = Server with { ThreadsStarted = 2, RunQueueWaitMs = 2.4475, VoluntarySwitches = 37 } }]);

        string? line = TimeBreakdown.Evidence(ScenarioData.From(CraftedRuns.Run("quick", thread, cmwq))[0]);

        Assert.NotNull(line);
        Assert.StartsWith("at 1000 clients: thread 896 µs run-queue wait and 2.0 voluntary switches per request, 1,000 threads started; cmwq 2.4 µs, 0.04, 2", line);
        Assert.Contains("table \"Where the time went: burst\"", line);
    }

    [Fact]
    public void A_scenario_with_several_findings_gets_its_line_once_and_the_claims_one_note()
    {
        var scenario = ScenarioData.From(CraftedRuns.Run("kecho",
            WithAttribution(CraftedRuns.Case(ScenarioCatalog.KechoBench, "thread", 1000, 10, 20, rounds: 1), [new RoundAttribution { Server = Server }])))[0];
        Finding[] findings = [new(ScenarioCatalog.KechoBench, "one"), new(ScenarioCatalog.KechoBench, "two"), new("run", "three")];
        var claims = new ReportTable("kecho-claims", "claims", ["claim", "verdict", "the numbers"], [["a", "holds", "x."], ["b", "partly", "y."]], ["how"]);

        var lines = TimeBreakdown.AfterFindings(findings, [scenario]);
        var withTime = TimeBreakdown.UnderClaims(claims, [scenario])!;

        Assert.Equal([1], lines.Keys);
        Assert.All(withTime.Rows, r => Assert.EndsWith(TimeBreakdown.ClaimsReference, r[2]));
        Assert.Equal(2, withTime.Notes!.Count);
        Assert.StartsWith($"Where the time went, for every claim above: {ScenarioCatalog.KechoBench} at 1000 clients: thread 50 µs", withTime.Notes[1]);
    }

    private static CaseResult WithAttribution(CaseResult @case, IReadOnlyList<RoundAttribution> rounds) => @case with
    {
        Iterations = [.. @case.Iterations.Select((i, n) => i with { Attribution = rounds[n] })],
        Overall = @case.Overall! with { Attribution = rounds.Skip(1).Aggregate(rounds[0], (a, b) => a.Plus(b)) },
    };
}
