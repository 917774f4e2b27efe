using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;
using Xunit;
using static KEchoBench.Tests.Reports.CraftedRuns;

namespace KEchoBench.Tests.Reports;

/// <summary>Figures the clock or the request count cannot resolve are dashes with a reason in the tables, never numbers.</summary>
public sealed class FigureResolutionTests
{
    private static ReportTable Table(params CaseResult[] cases) => ReportTables.Scenario(ScenarioData.From(Run("quick", cases)).Single());

    private static string Cell(ReportTable table, int row, string column) => table.Rows[row][table.Columns.ToList().IndexOf(column)];

    [Fact]
    public void Server_cpu_over_rounds_of_a_millisecond_is_a_dash_and_the_note_says_why()
    {
        // 219 % of one core over 1 ms rounds: what the clock makes of a round that short.
        var table = Table(Case("clients", "cmwq", 1, 60, 250, cpuPercent: 219, roundSeconds: 0.0013, requests: 100),
            Case("clients", "cmwq", 100, 2000, 6000, cpuPercent: 130, roundSeconds: 0.5, requests: 10_000));

        Assert.Equal("–", Cell(table, 0, "server CPU %"));
        Assert.Equal("–", Cell(table, 0, "server CPU µs/req"));
        Assert.Equal("130.0", Cell(table, 1, "server CPU %"));
        Assert.Contains(table.Notes!, n => n.Contains("cmwq at 1 clients, 5 rounds of 1.3 ms on average, 6.5 ms together, shorter than the 223.6 ms the server CPU figure needs over 5 rounds", StringComparison.Ordinal));
        Assert.DoesNotContain(table.Notes!, n => n.Contains("at 100 clients", StringComparison.Ordinal));
    }

    [Fact]
    public void The_reason_bench_recorded_for_leaving_cpu_out_is_the_one_shown()
    {
        var c = Case("clients", "thread", 1, 40, 150, cpuPercent: null, roundSeconds: 0.001);
        c = c with { Overall = c.Overall! with { ServerCpuAbsent = "round of 1 ms, shorter than the 100 ms the server CPU figure needs" } };

        var table = Table(c);

        Assert.Equal("–", Cell(table, 0, "server CPU %"));
        Assert.Contains(table.Notes!, n => n.Contains("thread at 1 clients, round of 1 ms, shorter than the 100 ms", StringComparison.Ordinal));
    }

    [Fact]
    public void A_percentile_with_no_request_beyond_it_is_a_dash_and_the_table_says_how_many_requests_it_rests_on()
    {
        var table = Table(Case("clients", "thread", 1, 40, 150, requests: 200), Case("clients", "thread", 100, 400, 1500, requests: 5000));

        Assert.Equal("200", Cell(table, 0, "requests timed"));
        Assert.Equal("150 µs", Cell(table, 0, "p99")); // 2 requests beyond it
        Assert.Equal("–", Cell(table, 0, "p99.9")); // 0.2 requests beyond it: only the max
        Assert.Equal("1.50 ms", Cell(table, 1, "p99.9"));
        Assert.Contains(table.Notes!, n => n.Contains("p99.9 needs 1,000", StringComparison.Ordinal));
    }

    [Fact]
    public void A_case_that_completed_nothing_shows_no_latency_at_all()
    {
        var table = Table(Case("idle", "workqueue", 10, 0, 0, requests: 0, errors: 50));

        Assert.All(new[] { "mean", "p50", "p99", "p99.9", "max" }, column => Assert.Equal("–", Cell(table, 0, column)));
        Assert.Contains(table.Notes!, n => n.Contains("completed no round trip", StringComparison.Ordinal));
    }

    [Fact]
    public void The_idle_scenarios_memory_per_idle_session_gets_a_column_only_where_it_was_measured()
    {
        var idle = Case("idle", "cmwq", 10, 200, 3000) with { IdleMemoryPerSessionBytes = 1976 };
        var table = Table(idle, Case("idle", "thread", 10, 200, 3000));

        int cmwq = table.Rows.ToList().FindIndex(r => r[0] == "cmwq");
        Assert.Equal("1.9", Cell(table, cmwq, "KiB per idle session"));
        Assert.Equal("n/a", Cell(table, 1 - cmwq, "KiB per idle session"));
        Assert.DoesNotContain("KiB per idle session", Table(Case("clients", "cmwq", 10, 200, 3000)).Columns);
    }

    [Fact]
    public void Percentile_resolution_counts_the_requests_beyond_it()
    {
        Assert.Null(FigureResolution.PercentileUnresolved(100, 99));
        Assert.Equal("99 requests: p99 needs 100", FigureResolution.PercentileUnresolved(99, 99));
        Assert.Equal("999 requests: p99.9 needs 1,000", FigureResolution.PercentileUnresolved(999, 99.9));
        Assert.Null(FigureResolution.PercentileUnresolved(1000, 99.9));
    }

    [Fact]
    public void The_open_loops_uncorrected_latency_gets_columns_next_to_the_corrected_one()
    {
        var c = Case("rate", "thread", 50, 2000, 40_000, requests: 10_000);
        c = c with { Overall = c.Overall! with { UncorrectedLatency = new LatencySummary { Count = 10_000, MeanUs = 150, P99Us = 900, MaxUs = 5000 } } };

        var table = Table(c, Case("rate", "cmwq", 50, 500, 6000, requests: 10_000));

        Assert.Equal("150 µs", Cell(table, 0, "uncorrected mean"));
        Assert.Equal("900 µs", Cell(table, 0, "uncorrected p99"));
        Assert.Equal("n/a", Cell(table, 1, "uncorrected p99"));
        Assert.Equal("2.00 ms", Cell(table, 0, "mean"));
    }
}
