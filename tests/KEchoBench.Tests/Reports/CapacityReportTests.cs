using KEchoBench.Bench.Capacity;
using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;
using Xunit;
using static KEchoBench.Tests.Reports.CraftedRuns;

namespace KEchoBench.Tests.Reports;

/// <summary>The Capacity section: its table beside the verdict in summary.md, its curves written, and the rate scenario's throughput no longer ranked.</summary>
public sealed class CapacityReportTests
{
    private static CapacityRepetition Search(int index, double capacity)
    {
        var runner = new KEchoBench.Tests.Capacity.SimulatedServer(capacity);
        return CapacitySearch.RunAsync(runner, new CapacitySettings(), index, CancellationToken.None).GetAwaiter().GetResult();
    }

    [Fact]
    public void Summary_has_the_capacity_section_with_the_rate_its_interval_and_the_curves()
    {
        var settings = new CapacitySettings();
        var searches = new[]
        {
            CapacityStage.Summarize("eventloop", 100, [Search(1, 30_000), Search(2, 32_000), Search(3, 31_000)], settings),
            CapacityStage.Summarize("thread", 100, [Search(1, 100), Search(2, 100), Search(3, 100)], settings),
        };
        var run = Run("capacity", Case("clients", "eventloop", 1, meanUs: 50, maxUs: 100)) with
        {
            Capacity = new CapacityResult { Objective = settings.Objective.ToString(), StartRate = 2000, Growth = 2, Precision = 0.05, DeliveredShare = 0.99, StepSeconds = 0.3, Searches = searches },
        };
        string directory = Directory.CreateTempSubdirectory("kechobench-capacity-report-").FullName;
        try
        {
            ReportWriter.Write(run, directory);
            string summary = File.ReadAllText(Path.Combine(directory, MarkdownSummary.FileName));

            Assert.Contains("## Capacity", summary, StringComparison.Ordinal);
            Assert.True(summary.IndexOf("## Verdict", StringComparison.Ordinal) < summary.IndexOf("## Capacity", StringComparison.Ordinal));
            // The median search's maximum, a rate one search's own step sustained.
            var eventloop = searches[0];
            Assert.Contains(eventloop.Repetitions.Select(r => r.MaxSustainedRate), m => m == eventloop.MaxSustainableRate);
            Assert.Contains($"{eventloop.MaxSustainableRate:N0} requests/s", summary, StringComparison.Ordinal);
            Assert.Contains("| thread | 100 | none (3 of 3 searches sustained no rate", summary, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(directory, "capacity-eventloop-100.png")));
            Assert.True(File.Exists(Path.Combine(directory, "capacity-eventloop-100-delivered.png")));
            Assert.Contains("capacity-eventloop-100.png", File.ReadAllText(Path.Combine(directory, HtmlReport.FileName)), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void The_capacity_table_shows_the_load_generators_cpu_beside_the_servers_at_the_step_that_broke()
    {
        var settings = new CapacitySettings();
        CapacityRepetition WithCpu(CapacityRepetition r) => r with
        {
            // Only the steps above the capacity carry these figures: the table must read the step that broke.
            Steps = [.. r.Steps.Select(s => s.Sustained ? s with { ServerCpuPercent = 40, ClientCpuPercent = 50 } : s with { ServerCpuPercent = 91, ClientCpuPercent = 99 })],
        };
        var search = CapacityStage.Summarize("eventloop", 100, [WithCpu(Search(1, 30_000)), WithCpu(Search(2, 32_000)), WithCpu(Search(3, 31_000))], settings);
        var capacity = new CapacityResult { Objective = settings.Objective.ToString(), StartRate = 2000, Growth = 2, Precision = 0.05, DeliveredShare = 0.99, StepSeconds = 0.3, Searches = [search] };

        var table = CapacityTables.Rates(capacity)!;

        Assert.Equal("CPU there: server / load generator", table.Columns[^1]);
        Assert.Equal("91 % / 99 %", table.Rows[0][^1]);
        Assert.StartsWith($"{search.Repetitions.First(r => r.MaxSustainedRate == search.MaxSustainableRate).FirstFailedRate:N0}/s: ", table.Rows[0][^2], StringComparison.Ordinal);
    }

    [Fact]
    public void The_rate_scenarios_throughput_is_not_ranked()
    {
        var table = VerdictTable.From(ScenarioData.From(Run("quick",
            Case("rate", "thread", 50, meanUs: 200, maxUs: 5000, requestsPerSecond: 19_997),
            Case("rate", "eventloop", 50, meanUs: 180, maxUs: 6000, requestsPerSecond: 19_990))))!;

        var row = table.Rows.Single(r => r[0] == "rate" && r[2] == "throughput");

        Assert.StartsWith("– (no engine could be ranked)", row[3], StringComparison.Ordinal);
        Assert.All(row.Skip(4), cell => Assert.Contains("not ranked", cell, StringComparison.Ordinal));
    }

    [Theory]
    // A peak inside the sweep is the fit's N*; one past the most clients measured is only extrapolated, and says so.
    [InlineData(49.4, "49")]
    [InlineData(235_939.0, "beyond the sweep (> 1,000; the fit's 235,939)")]
    [InlineData(null, "∞ (κ = 0)")]
    public void The_peak_past_the_most_clients_measured_is_marked_as_the_fits_extrapolation(double? peak, string shown)
    {
        var fit = new ScalabilityFit
        {
            Engine = "workqueue",
            Points = [new(1, 20_000), new(100, 50_000), new(1000, 53_000)],
            Lambda = 20_000,
            Sigma = 0.5,
            Kappa = peak is { } n ? 0.5 / (n * n) : 0,
            RSquared = 0.9,
            PeakClients = peak,
        };
        var table = CapacityTables.Fits(new CapacityResult { Fits = [fit] })!;

        Assert.Equal(shown, table.Rows.Single()[5]);
    }
}
