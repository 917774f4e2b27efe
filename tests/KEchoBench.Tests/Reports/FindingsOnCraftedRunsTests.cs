using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;
using Xunit;
using static KEchoBench.Tests.Reports.CraftedRuns;

namespace KEchoBench.Tests.Reports;

/// <summary>Findings that need figures the committed fixture does not have: clients served, a failing baseline.</summary>
public sealed class FindingsOnCraftedRunsTests
{
    private static IReadOnlyList<string> Findings(params CaseResult[] cases)
    {
        var run = Run("quick", cases);
        return [.. ReportFindings.From(run, ScenarioData.From(run)).Select(f => f.Text)];
    }

    private static CaseResult Served(CaseResult c, int served, int failed, int repeats) =>
        c with { Overall = c.Overall! with { ClientsServed = served, ClientsFailed = failed, Repeats = repeats } };

    [Fact]
    public void Failures_count_the_clients_served_as_well_as_the_round_trips()
    {
        // One error ends a connection: 490 failed round trips here are 98 of 100 clients who got nothing.
        var findings = Findings(
            Served(Case("cpu", "workqueue", 100, 200, 2000, requests: 200, errors: 490), served: 10, failed: 490, repeats: 5),
            Served(Case("idle", "workqueue", 10, 0, 0, requests: 0, errors: 50), served: 0, failed: 50, repeats: 0),
            Case("idle", "thread", 10, 200, 3000));

        Assert.Contains(findings, f => f.Contains("failed 490 of 690 round trips at 100 clients (timeout: 490), 10 of 500 clients served over 5 tests", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("failed 50 of 50 round trips at 10 clients (timeout: 50), 0 of 50 clients served over 5 rounds", StringComparison.Ordinal));
    }

    [Fact]
    public void A_workqueue_that_times_out_behind_long_lived_sessions_is_explained_as_starvation()
    {
        var idle = Case("idle", "workqueue", 10, 0, 0, requests: 0, errors: 50);
        idle = idle with { Parameters = new Dictionary<string, string> { ["idle"] = "100" } };
        var keptOpen = Case("rate", "workqueue", 50, 200, 2000, requests: 2000, errors: 240);
        keptOpen = keptOpen with { Parameters = new Dictionary<string, string> { ["connections"] = "keep-open" } };
        var hangUp = Case("cpu", "workqueue", 100, 200, 2000, requests: 200, errors: 490);
        hangUp = hangUp with { Parameters = new Dictionary<string, string> { ["connections"] = "hang-up" } };

        var findings = Findings(idle, Case("idle", "thread", 10, 200, 3000), keptOpen, Case("rate", "thread", 50, 200, 3000), hangUp, Case("cpu", "thread", 100, 200, 3000));

        Assert.Contains(findings, f => f.StartsWith("The workqueue engine failed 50", StringComparison.Ordinal) && f.Contains("its 100 idle sessions never leave", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("The workqueue engine failed 240", StringComparison.Ordinal) && f.Contains("its connections stay open", StringComparison.Ordinal));
        // Clients that hang up free their worker: a timeout there is not this starvation.
        Assert.Contains(findings, f => f.StartsWith("The workqueue engine failed 490", StringComparison.Ordinal) && !f.Contains("starvation", StringComparison.Ordinal));
    }

    [Fact]
    public void A_baseline_that_failed_is_flagged_with_what_its_latency_covers()
    {
        var findings = Findings(
            Case("clients", "thread", 1, 40, 150), Case("clients", "thread", 100, 4000, 90_000, requests: 300, errors: 700),
            Case("clients", "cmwq", 1, 60, 250), Case("clients", "cmwq", 100, 2000, 6000));

        Assert.Contains(findings, f => f.Contains("(but the thread engine is not compared on latency: 700 of 1,000 round trips failed (70 %), "
            + "so its latency covers only the 300 it completed)", StringComparison.Ordinal));
    }
}
