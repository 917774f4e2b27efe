using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;
using Xunit;
using static KEchoBench.Tests.Reports.CraftedRuns;

namespace KEchoBench.Tests.Reports;

/// <summary>
/// The report's scenario table takes its figure columns from the catalog: every <see cref="Metrics"/>
/// entry with a <see cref="ReportColumn"/>, in the order they give, among the table's own columns
/// that are no catalog figure.
/// </summary>
public sealed class ReportTablesTests
{
    /// <summary>A case whose clients connect in the round and hang up, so that the conditional columns of those are shown too.</summary>
    private static CaseResult Connecting()
    {
        var c = Case("clients", "thread", 2, 100, 400);
        return c with { Overall = c.Overall! with { Connect = new LatencySummary { Count = 50, MeanUs = 30, MaxUs = 90 }, ClientsServed = 50 } };
    }

    private static ReportTable Table(params CaseResult[] cases) => ReportTables.Scenario(ScenarioData.From(Run("quick", cases)).Single());

    [Fact]
    public void The_scenario_tables_figure_columns_of_the_catalog_are_its_entries_with_a_report_column_in_their_order()
    {
        string[] catalog = [.. Metrics.All.Select(m => m.ReportColumn).OfType<ReportColumn>().OrderBy(r => r.Order).Select(r => r.Heading)];

        var table = Table(Connecting());

        Assert.Equal(catalog, table.Columns.Where(catalog.Contains));
        Assert.Equal(table.Columns.Count, table.Columns.Distinct().Count());
        // What the catalog gives today, and where the table's own columns go among them.
        Assert.Equal(
            ["requests/s", "mean", "p50", "p99", "p99.9", "max", "connect mean", "errors", "server CPU %", "server CPU µs/req", "server threads", "server RSS MiB"],
            catalog);
        Assert.Equal(
            ["engine", "clients", "requests/client", "requests/s", "requests timed", "mean", "p50", "p99", "p99.9", "max", "connect mean", "connect max",
                "errors", "clients served", "server CPU %", "server CPU µs/req", "server threads", "server RSS MiB"],
            table.Columns);
    }

    [Fact]
    public void Connect_time_is_a_column_only_where_clients_connect_in_the_round_and_na_for_a_case_whose_did_not()
    {
        var table = Table(Connecting(), Case("clients", "thread", 4, 100, 400));

        int mean = table.Columns.ToList().IndexOf("connect mean");
        Assert.Equal(["30 µs", "n/a"], table.Rows.Select(r => r[mean]));
        Assert.Equal(["90 µs", "n/a"], table.Rows.Select(r => r[mean + 1]));
        Assert.DoesNotContain("connect mean", Table(Case("clients", "thread", 4, 100, 400)).Columns);
    }

    [Fact]
    public void Every_catalog_report_column_of_a_percentile_names_its_percentile()
    {
        Assert.All(Metrics.All.Select(m => m.ReportColumn).OfType<ReportColumn>().Where(r => r.Cell == ReportCell.Percentile),
            r => Assert.NotNull(r.Percentile));
    }
}
