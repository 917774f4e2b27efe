using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;
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
    public void An_empty_run_still_gets_an_html_report_and_a_summary()
    {
        var run = new RunResult { Profile = "quick", Environment = new EnvironmentInfo { Cores = 2 } };

        var written = ReportWriter.Write(run, directory).Select(Path.GetFileName).ToList();

        Assert.Equal([HtmlReport.FileName, MarkdownSummary.FileName], written);
        Assert.Contains("No findings", File.ReadAllText(Path.Combine(directory, MarkdownSummary.FileName)));
        Assert.Contains("<h2>Environment</h2>", File.ReadAllText(Path.Combine(directory, HtmlReport.FileName)));
    }
}
