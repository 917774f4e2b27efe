using KEchoBench.Bench.Formatting;
using System.Net;
using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;
using Xunit;

namespace KEchoBench.Tests.Reports;

/// <summary>
/// The findings' numbers are the fixture's: each expected sentence is computed here straight from
/// run.json (not through the report's own grouping) and must appear in both summary.md and report.html.
/// </summary>
[Collection(GeneratedReportCollection.Name)]
public sealed class ReportFindingsTests(GeneratedReport report)
{
    private static string R(double ratio) => RatioText.Of(ratio);

    private IterationResult Overall(string scenario, string engine, int clients) =>
        report.Run.Cases.Single(c => c.Scenario == scenario && c.Engine == engine && c.Clients == clients).Overall!;

    private void AssertStated(string sentence)
    {
        Assert.Contains(sentence, report.Summary);
        Assert.Contains(sentence, WebUtility.HtmlDecode(report.Html));
    }

    [Fact]
    public void Clients_sweep_compares_each_engine_with_the_thread_engine_at_the_most_clients()
    {
        var sweep = report.Run.Cases.Where(c => c.Scenario == "clients").ToList();
        int top = sweep.Where(c => c.Engine == "thread").Max(c => c.Clients);
        var thread = Overall("clients", "thread", top);
        var others = sweep.Select(c => c.Engine).Distinct().Where(e => e != "thread").ToList();
        Assert.Contains("cmwq", others);
        foreach (string engine in others)
        {
            var o = Overall("clients", engine, top);
            var mine = report.Run.Cases.Single(c => c.Scenario == "clients" && c.Engine == engine && c.Clients == top);
            var theirs = report.Run.Cases.Single(c => c.Scenario == "clients" && c.Engine == "thread" && c.Clients == top);
            string Ratio(IterationMetric m) => IntervalFormat.Ratio(Uncertainty.Ratio(RoundSamples.Of(mine, m), RoundSamples.Of(theirs, m)));
            AssertStated($"At {top} clients the {engine} engine's worst latency is {Ratio(Metrics.Max)} the thread engine's "
                + $"(medians over the rounds, of each round's max; mean {Ratio(Metrics.Mean)}, p99 {Ratio(Metrics.P99)}), "
                + $"at {Ratio(Metrics.ServerCpuPerRequest)} its CPU per request.");
        }

    }

    [Fact]
    public void Clients_sweep_states_how_much_mean_latency_grows()
    {
        var sweep = report.Run.Cases.Where(c => c.Scenario == "clients").ToList();
        int low = sweep.Min(c => c.Clients);
        int high = sweep.Max(c => c.Clients);
        CaseResult At(string engine, int clients) => report.Run.Cases.Single(c => c.Scenario == "clients" && c.Engine == engine && c.Clients == clients);
        string Growth(string engine) => IntervalFormat.Ratio(Uncertainty.Ratio(RoundSamples.Of(At(engine, high), Metrics.Mean), RoundSamples.Of(At(engine, low), Metrics.Mean)));
        var line = report.Summary.Split('\n').Single(l => l.Contains($"From {low} to {high} clients the mean latency grows", StringComparison.Ordinal));
        Assert.Contains($"{Growth("thread")} with thread", line);
        Assert.Contains($"{Growth("cmwq")} with cmwq", line);
    }

    [Fact]
    public void Burst_states_the_slowest_connection_slot_against_the_median_one_and_the_worst_single_connection()
    {
        var burst = report.Run.Cases.Where(c => c.Scenario == "burst").ToList();
        Assert.NotEmpty(burst);
        var line = report.Summary.Split('\n').Single(l => l.Contains("connections opened at once", StringComparison.Ordinal));
        foreach (var c in burst)
        {
            var sorted = c.PerConnectionUs.Order().ToList();
            double median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
            Assert.Contains($"{LatencyText.Of(sorted[^1])} with {c.Engine} ({R(sorted[^1] / median)} the median slot; ", line);
            Assert.Contains($"as long as the median one; worst single connection {LatencyText.Of(c.Overall!.Latency.MaxUs)})", line);
        }

        Assert.Contains($"Of {burst.Max(c => c.PerConnectionUs.Count)} connections opened at once, the slowest connection slot "
            + $"(averaged over {burst.Max(c => c.Iterations.Count)} rounds", line);
    }

    [Fact]
    public void Findings_leave_the_ranking_to_the_verdict_table()
    {
        Assert.DoesNotContain("Lowest mean latency", report.Summary);
        Assert.DoesNotContain("the lowest p99 latency is", report.Summary);
        Assert.Contains("## Verdict", report.Summary);
        Assert.True(report.Summary.IndexOf("## Verdict", StringComparison.Ordinal) < report.Summary.IndexOf("## Findings", StringComparison.Ordinal),
            "the verdict comes before the findings");
        Assert.True(report.Html.IndexOf($"<table id=\"table-{VerdictTable.Id}\">", StringComparison.Ordinal) is > 0 and var at
            && at < report.Html.IndexOf("<section id=\"findings\">", StringComparison.Ordinal), "report.html opens with the verdict");
    }

    [Fact]
    public void Idle_names_who_failed_round_trips_and_how()
    {
        var idle = report.Run.Cases.Where(c => c.Scenario == "idle").ToList();
        var failing = idle.Single(c => c.Overall!.Errors > 0);
        var kind = failing.ErrorsByKind.Single();
        string clean = string.Join(", ", idle.Where(c => c.Overall!.Errors == 0).Select(c => c.Engine));
        AssertStated($"The {failing.Engine} engine failed {failing.Overall!.Errors} of {failing.Overall.Errors + failing.Overall.Requests} round trips "
            + $"at {failing.Clients} clients ({kind.Key}: {kind.Value})");
        // The idle sessions that never leave are why a workqueue starves: the finding says so before naming who did not fail.
        AssertStated($"idle sessions never leave, and a workqueue session holds its worker until it ends");
        AssertStated($"(starvation by design; docs/benchmarks.md); {clean} failed none.");
    }

    [Fact]
    public void Cases_that_could_not_run_are_named_with_why()
    {
        var failed = report.Run.Cases.Where(c => c.Failure is not null).ToList();
        Assert.NotEmpty(failed);
        AssertStated($"{failed.Count} case{(failed.Count == 1 ? "" : "s")} could not run: ");
        Assert.All(failed, c => AssertStated($"{c.Scenario}/{c.Engine}/{c.Clients} clients ({c.Failure})"));
    }
}
