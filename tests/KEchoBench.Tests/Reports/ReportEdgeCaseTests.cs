using KEchoBench.Bench.Formatting;
using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;
using KEchoBench.Bench.RunEnvironment;
using Xunit;

namespace KEchoBench.Tests.Reports;

/// <summary>Runs the report was not shaped for: an external server (no server CPU), an empty run.</summary>
public sealed class ReportEdgeCaseTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "kechobench-report-edge-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_server_we_cannot_measure_gets_no_cpu_plots_and_no_cpu_clause()
    {
        var fixture = RunResultStore.Read(SmallResults.FixtureDirectory);
        // The thread and cmwq sweeps, as if both were external servers: latency known, server CPU not.
        var cases = fixture.Cases.Where(c => c.Scenario == "clients" && c.Engine is "thread" or "cmwq")
            .Select(c => c with
            {
                Engine = c.Engine == "thread" ? "thread" : "external:127.0.0.1:12345",
                Overall = c.Overall! with { ServerCpuPercent = null, ServerCpuUsPerRequest = null, ServerThreads = null, ServerRssBytes = null },
            }).ToList();
        var run = fixture with { Cases = cases };

        var written = ReportWriter.Write(run, directory).Select(Path.GetFileName).ToList();

        Assert.Contains("clients-latency-max.svg", written);
        Assert.DoesNotContain("clients-cpu-percent.svg", written);
        Assert.DoesNotContain("clients-cpu-per-request.svg", written);
        string summary = File.ReadAllText(Path.Combine(directory, MarkdownSummary.FileName));
        string sentence = summary.Split('\n').Single(l => l.Contains("the external:127.0.0.1:12345 engine's worst latency is", StringComparison.Ordinal));
        Assert.DoesNotContain("CPU per request", sentence);
        Assert.Contains("| n/a |", summary);
    }

    [Fact]
    public void Missing_figures_leave_gaps_instead_of_breaking_plots_or_findings()
    {
        var fixture = RunResultStore.Read(SmallResults.FixtureDirectory);
        // The workqueue engine completed no round trip in blocking (NaN latency), and half the burst's
        // connections of the thread engine failed (NaN slots): what a run looks like when a model collapses.
        var cases = fixture.Cases.Where(c => c.Scenario is "blocking" or "burst").Select(c => c switch
        {
            { Scenario: "blocking", Engine: "workqueue" } => c with
            {
                Overall = c.Overall! with { Requests = 0, Latency = new LatencySummary { MeanUs = double.NaN, P99Us = double.NaN, MaxUs = double.NaN } },
            },
            { Scenario: "burst", Engine: "thread" } => c with { PerConnectionUs = [.. c.PerConnectionUs.Select((us, i) => i % 2 == 0 ? double.NaN : us)] },
            _ => c,
        }).ToList();

        var written = ReportWriter.Write(fixture with { Cases = cases }, directory);

        Assert.Contains(written, f => f.EndsWith("blocking-bars.png", StringComparison.Ordinal));
        Assert.Contains(written, f => f.EndsWith("burst-per-connection.png", StringComparison.Ordinal));
        string summary = File.ReadAllText(Path.Combine(directory, MarkdownSummary.FileName));
        Assert.DoesNotContain("NaN", summary);
        Assert.DoesNotContain("∞", summary);
        var burstThread = cases.Single(c => c.Scenario == "burst" && c.Engine == "thread");
        Assert.Contains($"{LatencyText.Of(burstThread.PerConnectionUs.Where(double.IsFinite).Max())} with thread", summary);
        Assert.Contains($"Of {burstThread.PerConnectionUs.Count} connections opened at once", summary);
        // It completed nothing to rank it by: the verdict says so instead of printing a latency.
        var blockingMean = summary.Split('\n').Single(l => l.StartsWith("| blocking | ", StringComparison.Ordinal) && l.Contains("| mean latency |", StringComparison.Ordinal));
        Assert.Contains("| – (no round trip completed) |", blockingMean);
    }

    [Fact]
    public void A_starved_engine_is_not_ranked_on_the_latency_of_the_few_requests_it_completed()
    {
        var fixture = RunResultStore.Read(SmallResults.FixtureDirectory);
        int top = fixture.Cases.Where(c => c.Scenario == "clients").Max(c => c.Clients);

        // The workqueue answered 4 % of its clients, very fast: the best p99 by far, and meaningless.
        var cases = fixture.Cases.Where(c => c.Scenario == "clients").Select(c => c.Engine == "workqueue" && c.Clients == top
            ? c with { Overall = c.Overall! with { Requests = 200, Errors = 4800, Latency = c.Overall.Latency with { P99Us = 1, MeanUs = 1, MaxUs = 1, P50Us = 1 } } }
            : c).ToList();

        ReportWriter.Write(fixture with { Cases = cases }, directory);

        string summary = File.ReadAllText(Path.Combine(directory, MarkdownSummary.FileName));
        var p99 = summary.Split('\n').Single(l => l.StartsWith($"| clients | {top} clients | p99 latency |", StringComparison.Ordinal));
        Assert.Contains("| not ranked: 4,800 of 5,000 failed, 96 % |", p99);
        Assert.DoesNotContain("| workqueue: ", p99); // not the best, however fast its few answers were
        Assert.DoesNotContain("the workqueue engine's worst latency is", summary);
    }

    [Fact]
    public void An_empty_run_still_gets_an_html_report_and_a_summary()
    {
        var run = new RunResult { Profile = "quick", Environment = new EnvironmentInfo { Cores = 2 } };

        var written = ReportWriter.Write(run, directory).Select(Path.GetFileName).ToList();

        Assert.Equal([HtmlReport.FileName, MarkdownSummary.FileName], written);
        Assert.Contains("No findings", File.ReadAllText(Path.Combine(directory, MarkdownSummary.FileName)));
        Assert.Contains("<h2>Environment</h2>", File.ReadAllText(Path.Combine(directory, HtmlReport.FileName)));
    }

    [Theory]
    [InlineData(".NET 10.0.12")]
    [InlineData("10.0.12")]
    public void The_runtime_is_named_once_whichever_way_the_run_recorded_it(string recorded)
    {
        var run = new RunResult { Profile = "quick", Environment = new EnvironmentInfo { Cores = 2, DotNet = recorded } };

        string description = MarkdownSummary.Describe(run);

        Assert.EndsWith(", .NET 10.0.12", description, StringComparison.Ordinal);
        Assert.DoesNotContain(".NET .NET", description, StringComparison.Ordinal);
    }
}
