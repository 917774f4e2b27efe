using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;
using Xunit;
using static KEchoBench.Tests.Reports.CraftedRuns;

namespace KEchoBench.Tests.Reports;

/// <summary>The headline verdict: the best engine per scenario and measure, the others as ratios, failures marked.</summary>
public sealed class VerdictTableTests
{
    private static ReportTable Verdict(params CaseResult[] cases) => VerdictTable.From(ScenarioData.From(Run("quick", cases)))!;

    private static IReadOnlyList<string> Row(ReportTable table, string scenario, string measure) =>
        table.Rows.Single(r => r[0] == scenario && r[2] == measure);

    private static string Cell(ReportTable table, IReadOnlyList<string> row, string engine) => row[table.Columns.ToList().IndexOf(engine)];

    /// <summary>
    /// The verdict's rows are the catalog's figures with a verdict part (<see cref="VerdictUse"/>), in
    /// their order: today mean, p99 and worst latency, throughput and server CPU per request.
    /// </summary>
    [Fact]
    public void Its_measures_are_the_catalogs_figures_with_a_verdict_part_in_their_order()
    {
        var withVerdict = Metrics.All.Where(m => m.Verdict is not null).OrderBy(m => m.Verdict!.Order).ToList();
        Assert.Equal([Metrics.Mean, Metrics.P99, Metrics.Max, Metrics.RequestsPerSecond, Metrics.ServerCpuPerRequest], withVerdict);

        var table = Verdict(
            Case("blocking", "thread", 50, meanUs: 4000, maxUs: 100_000),
            Case("blocking", "cmwq", 50, meanUs: 20_000, maxUs: 40_000),
            Case("idle", "thread", 10, meanUs: 200, maxUs: 3000),
            Case("idle", "cmwq", 10, meanUs: 250, maxUs: 3300));

        string[] labels = ["mean latency", "p99 latency", "worst latency (median of the rounds' max)", "throughput", "server CPU per request"];
        Assert.Equal(withVerdict.Select(m => m.Verdict!.Label), labels);
        Assert.Equal([.. labels, .. labels], table.Rows.Select(r => r[2]));
        Assert.Equal([.. Enumerable.Repeat("blocking", 5), .. Enumerable.Repeat("idle", 5)], table.Rows.Select(r => r[0]));
    }

    [Fact]
    public void The_best_engine_is_named_with_its_figure_and_the_others_are_ratios_to_it()
    {
        var table = Verdict(
            Case("blocking", "thread", 50, meanUs: 4000, maxUs: 100_000, cpuUsPerRequest: 100, requestsPerSecond: 8000),
            Case("blocking", "cmwq", 50, meanUs: 20_000, maxUs: 40_000, cpuUsPerRequest: 250, requestsPerSecond: 2000),
            Case("blocking", "eventloop", 50, meanUs: 40_000, maxUs: 120_000, cpuUsPerRequest: 130, requestsPerSecond: 1000));

        var mean = Row(table, "blocking", "mean latency");
        Assert.Equal("thread: 4.00 ms", mean[3]);
        Assert.Equal("best", Cell(table, mean, "thread"));
        Assert.Equal("5.00×", Cell(table, mean, "cmwq"));
        Assert.Equal("10×", Cell(table, mean, "eventloop"));
        var max = Row(table, "blocking", "worst latency (median of the rounds' max)");
        Assert.Equal("cmwq: 40.0 ms; max 40.0 ms", max[3]);
        Assert.Equal("2.50×; max 100.0 ms", Cell(table, max, "thread"));
        var rate = Row(table, "blocking", "throughput");
        Assert.Equal("thread: 8,000 requests/s", rate[3]);
        Assert.Equal("0.25×", Cell(table, rate, "cmwq")); // higher is better: a quarter of the best rate
        Assert.Equal("1.30×", Cell(table, Row(table, "blocking", "server CPU per request"), "eventloop"));
        Assert.Equal("cmwq: 40.0 ms (of 1,000 requests)", Row(table, "blocking", "p99 latency")[3]); // the fixture's p99 is its max
    }

    [Fact]
    public void An_engine_that_failed_more_than_one_percent_is_not_ranked_on_latency_and_its_throughput_is_marked()
    {
        var table = Verdict(
            Case("idle", "thread", 10, meanUs: 200, maxUs: 3000),
            Case("idle", "workqueue", 10, meanUs: 1, maxUs: 1, requests: 200, errors: 4800),
            Case("idle", "cmwq", 10, meanUs: 250, maxUs: 3300, requests: 1000, errors: 5));

        var mean = Row(table, "idle", "mean latency");
        Assert.Equal("thread: 200 µs", mean[3]); // not the workqueue, whose few answers were fastest
        Assert.Equal("not ranked: 4,800 of 5,000 failed, 96 %", Cell(table, mean, "workqueue"));
        Assert.Equal("1.25× (5 of 1,005 failed, 0.5 %)", Cell(table, mean, "cmwq"));
        Assert.StartsWith("0.", Cell(table, Row(table, "idle", "throughput"), "workqueue"));
        Assert.EndsWith("(4,800 of 5,000 failed, 96 %)", Cell(table, Row(table, "idle", "throughput"), "workqueue"));
        Assert.Equal("not ranked: 4,800 of 5,000 failed, 96 %", Cell(table, Row(table, "idle", "server CPU per request"), "workqueue"));
    }

    [Fact]
    public void A_figure_the_measurement_cannot_resolve_is_a_dash_with_the_reason()
    {
        var table = Verdict(
            Case("clients", "thread", 1, meanUs: 40, maxUs: 150, roundSeconds: 0.001, requests: 40, rounds: 2),
            Case("clients", "cmwq", 1, meanUs: 60, maxUs: 260, roundSeconds: 0.001, requests: 40, rounds: 2),
            Case("clients", "thread", 10, meanUs: 400, maxUs: 1500),
            Case("clients", "cmwq", 10, meanUs: 600, maxUs: 2600, cpuPercent: null) with { });

        // The sweep is judged at 10 clients; its CPU per request is there for thread and absent for cmwq.
        var cpu = Row(table, "clients", "server CPU per request");
        Assert.Equal("10 clients", cpu[1]);
        Assert.Equal("– (not measured)", Cell(table, cpu, "cmwq"));
        Assert.EndsWith("(the only engine ranked)", cpu[3]); // a best among one is no win

        var shortRounds = Verdict(Case("idle", "thread", 1, meanUs: 40, maxUs: 150, roundSeconds: 0.001, requests: 40, rounds: 2));
        Assert.Equal("– (2 rounds of 1 ms on average, 2 ms together, shorter than the 141.4 ms the server CPU figure needs over 2 rounds (100 × √2 × the 1 ms step of the CPU clock))", Cell(shortRounds, Row(shortRounds, "idle", "server CPU per request"), "thread"));
        Assert.Equal("– (rounds of 20 requests: p99 needs 100)", Cell(shortRounds, Row(shortRounds, "idle", "p99 latency"), "thread"));
        Assert.StartsWith("– (no engine could be ranked)", Row(shortRounds, "idle", "p99 latency")[3]);
    }
}
