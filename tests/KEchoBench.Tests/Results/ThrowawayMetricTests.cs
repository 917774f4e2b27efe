using System.Globalization;
using System.Net;
using System.Text.Json;
using KEchoBench.Bench.Benchmarks.Columns;
using KEchoBench.Bench.Benchmarks.Progress;
using KEchoBench.Bench.Cli;
using KEchoBench.Bench.Cli.LoadOutput;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Comparison;
using KEchoBench.Bench.Gate;
using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;
using KEchoBench.Tests.Comparison;
using KEchoBench.Tests.Load;
using KEchoBench.Tests.Reports;
using Xunit;

namespace KEchoBench.Tests.Results;

/// <summary>
/// Adding a figure the round already measures is one catalog entry: a throwaway figure added to
/// the catalog (<see cref="Metrics.AddForTest"/>, taken away after each test) shows up wherever a
/// consumer loops over the catalog: bench's BenchmarkDotNet columns, bench's and load's console
/// tables, the report's scenario tables (<see cref="ReportTables.Scenario"/>, the one table of a
/// scenario report.html and summary.md both show), given a <see cref="VerdictUse"/> the report's
/// verdict (a row of its own for every scenario and load point, ranked as the others), <c>compare</c>
/// and, given a <see cref="GateUse"/>, the <c>ab</c> gate (its list of figures, its values from a
/// side's rounds, its decision, table and JSON). A figure without one of those parts leaves that
/// consumer as it was, and taking the throwaway away gives each back as it was.
/// </summary>
[Collection(ThrowawayMetricCollection.Name)]
public sealed class ThrowawayMetricTests : IDisposable
{
    /// <summary>The iteration's measured time, twice: a figure of fields every round has, varying with the round.</summary>
    private static readonly IterationMetric Throwaway = new(
        "throwaway", "twice the measured time (a test's throwaway figure)", "s", false,
        new IterationColumn("Test.Throwaway", "Throwaway", "Twice the measured time, s (a test's throwaway figure)", "N3"),
        i => i.Requests > 0 ? i.Seconds * 2 : null,
        new ConsoleColumn("throwaway", v => v is { } s ? s.ToString("0.000", CultureInfo.InvariantCulture) + " s" : "-", 1000),
        new ReportColumn("throwaway s", ReportCell.OneDecimal, 1000),
        new GateUse(GateRound.Closed, "closed loop", 3, 1000),
        new VerdictUse("throwaway", VerdictKind.Figure, PerCompletedRequest: false, 1000));

    /// <summary>The gate's figures before the throwaway: the catalog's it compares, then its own.</summary>
    private static readonly string[] GateNames = ["time", "p99", "cpu", "vcsw", "ivcsw", "runq", "syscr", "syscw", "alloc"];

    private static readonly IterationResult Round = new() { Requests = 10, Seconds = 1.5, Latency = new LatencySummary() };

    private readonly IDisposable _added = Metrics.AddForTest(Throwaway);

    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        _added.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Is_the_catalogs_last_entry_and_its_last_column()
    {
        Assert.Same(Throwaway, Metrics.All[^1]);
        Assert.Same(Throwaway, Metrics.Columns[^1]);
    }

    [Fact]
    public void Taking_a_figure_away_gives_the_catalog_and_its_consumers_back_as_they_were()
    {
        var all = Metrics.All;
        string[] columns = [.. LoadMetrics.All.Select(c => c.Id)];
        string[] compared = [.. ComparisonMetric.Names];
        string table = BenchTable();
        string load = LoadTable();
        var gate = GateMetric.All;
        var scenario = ScenarioTable();
        var verdict = VerdictOf(VerdictCases);
        var second = new IterationMetric("throwaway-2", "a second throwaway", "s", false, null, i => i.Seconds);

        using (Metrics.AddForTest(second))
        {
            Assert.Same(second, Metrics.All[^1]);
            Assert.Equal(columns, LoadMetrics.All.Select(c => c.Id)); // no column of its own
            Assert.Equal([.. compared, "throwaway-2"], ComparisonMetric.Names);
            Assert.Equal(table, BenchTable()); // no console column of its own
            Assert.Equal(load, LoadTable());
            Assert.Equal(gate, GateMetric.All); // no GateUse: not a figure of the gate
            Assert.DoesNotContain("throwaway-2", GateMetric.FromCatalog(Round, Round).Keys);
            AssertSameTable(scenario, ScenarioTable()); // no report column of its own
            AssertSameTable(verdict, VerdictOf(VerdictCases)); // no verdict part: no row of the verdict
        }

        Assert.Same(all, Metrics.All);
        Assert.Equal(columns, LoadMetrics.All.Select(c => c.Id));
        Assert.Equal(compared, ComparisonMetric.Names);
        Assert.Equal(table, BenchTable());
        Assert.Equal(load, LoadTable());
        Assert.Equal(gate, GateMetric.All);
        AssertSameTable(scenario, ScenarioTable());
        AssertSameTable(verdict, VerdictOf(VerdictCases));
    }

    [Fact]
    public void Taken_away_it_is_no_figure_of_the_gate()
    {
        _added.Dispose();

        Assert.Equal(GateNames, GateMetric.All.Select(m => m.Name));
        Assert.DoesNotContain("throwaway", GateMetric.FromCatalog(Round, Round).Keys);
    }

    [Fact]
    public void Is_a_figure_of_the_gate_after_its_own()
    {
        Assert.Equal([.. GateNames, "throwaway"], GateMetric.All.Select(m => m.Name));
        var metric = GateMetric.All[^1];
        Assert.Same(Throwaway, metric.Figure);
        Assert.Equal(3, metric.MarginFactor);
        Assert.Equal(0, metric.Floor);
        Assert.Equal("twice the measured time (a test's throwaway figure), closed loop (s)", metric.Description);
    }

    [Fact]
    public void The_gate_takes_it_from_the_round_its_GateUse_names()
    {
        var closed = Round;
        var open = Round with { Seconds = 0.4 };
        var fromOpen = new IterationMetric(
            "throwaway-open", "twice the measured time of the open loop", "s", false, null, i => i.Seconds * 2,
            gate: new GateUse(GateRound.Open, "open loop", 1, 1001));

        Assert.Equal(3.0, GateMetric.FromCatalog(closed, open)["throwaway"]);
        using (Metrics.AddForTest(fromOpen))
        {
            var values = GateMetric.FromCatalog(closed, open);
            Assert.Equal(3.0, values["throwaway"]);
            Assert.Equal(0.8, values["throwaway-open"]);
            Assert.Equal([.. GateNames, "throwaway", "throwaway-open"], GateMetric.All.Select(m => m.Name));
        }

        // A round without the figure (no request): not a number, as the gate's time is.
        Assert.True(double.IsNaN(GateMetric.FromCatalog(closed with { Requests = 0 }, open)["throwaway"]));
    }

    [Fact]
    public void The_gate_decides_on_it_and_shows_it_in_its_table_and_JSON()
    {
        // The head's closed rounds last 30 % longer, with a little scatter: twice their time is 30 % more too.
        var random = new Random(7);
        var open = Round with { Seconds = 0.4 };
        SideRound Side(double seconds) => new(GateMetric.FromCatalog(Round with { Seconds = seconds }, open), 0, 10, 0);
        var pairs = Enumerable.Range(0, 20)
            .Select(i => new RoundPair(i, i / 6, i % 2 == 0, Side(1.5), Side(1.5 * 1.3 * (1 + ((random.NextDouble() - 0.5) * 0.02)))))
            .ToArray();
        var settings = new AbSettings { Base = new BaseServer("unused", []), Seed = 1 };

        var decision = CaseDecision.Of(pairs, settings);

        var throwaway = decision.Metrics.Single(m => m.Metric == "throwaway");
        Assert.Equal(GateOutcome.Slower, throwaway.Outcome);
        Assert.InRange(throwaway.MedianRatio, 1.28, 1.32);
        Assert.Equal(settings.MarginPercent / 100 * 3, throwaway.Margin, 12);
        Assert.Equal(GateOutcome.Slower, decision.Outcome);

        var result = new AbCaseResult("thread", 10, 1000, 4, pairs, decision);
        using var output = new StringWriter();
        AbConsoleRenderer.WriteCase(result, output);
        Assert.Matches(@"(?m)^  throwaway +1\.[23]\d\d× .* slower\r?$", output.ToString());
        using var verdict = new StringWriter();
        AbConsoleRenderer.WriteVerdict(new AbRunResult(1, "b", "none", "p", [result]), verdict);
        Assert.Contains("throwaway", verdict.ToString(), StringComparison.Ordinal);
        string json = JsonSerializer.Serialize(new AbRunResult(1, "b", "none", "p", [result]), RunResultStore.JsonOptions);
        Assert.Contains("\"throwaway\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_a_BenchmarkDotNet_column_of_bench_after_the_catalogs_own()
    {
        var column = LoadMetrics.All[^1];
        Assert.Equal("Test.Throwaway", column.Id);
        Assert.Equal("Throwaway", column.DisplayName);
        Assert.Equal(Metrics.Columns.Count - 1, column.PriorityInCategory);
        Assert.Equal(3.0, column.ValueOf(Round));
        Assert.Same(LoadMetrics.All, LoadMetrics.All);
    }

    [Fact]
    public void Is_a_column_of_benchs_console_table_after_the_catalogs_own()
    {
        CaseResult[] cases =
        [
            new() { Scenario = "clients", Engine = "thread", Clients = 2, Requests = 5, Overall = Round },
            new() { Scenario = "idle", Engine = "eventloop", Clients = 3 },
        ];
        using var output = new StringWriter();

        BenchSummaryTable.Write(cases, output);

        string[] lines = output.ToString().Split('\n');
        Assert.EndsWith("| errors | throwaway |", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("|      0 |   3.000 s |", lines[3], StringComparison.Ordinal);
        // A case without a result has the column too, empty.
        Assert.StartsWith("| idle ", lines[4], StringComparison.Ordinal);
        Assert.EndsWith("|        |           |", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Takes_its_place_in_benchs_console_table_by_its_order()
    {
        var early = new IterationMetric(
            "throwaway-early", "a throwaway shown second", "s", false, null, i => i.Seconds,
            new ConsoleColumn("early", v => string.Create(CultureInfo.InvariantCulture, $"{v:0.0} s"), 15));
        CaseResult[] cases = [new() { Scenario = "clients", Engine = "thread", Clients = 2, Requests = 5, Overall = Round }];
        using var output = new StringWriter();

        using (Metrics.AddForTest(early))
        {
            BenchSummaryTable.Write(cases, output);
        }

        string[] lines = output.ToString().Split('\n');
        Assert.Contains("| requests/s | early | mean |", lines[1], StringComparison.Ordinal);
        Assert.Contains("| 1.5 s |", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("| errors | throwaway |", lines[1], StringComparison.Ordinal);
    }

    /// <summary>The scenario table of <see cref="ScenarioCase"/> as the report shows it before any throwaway: the case's columns, then the figures.</summary>
    private static readonly string[] ScenarioColumns =
    [
        "engine", "clients", "requests/client", "requests/s", "requests timed", "mean", "p50", "p99", "p99.9", "max",
        "errors", "server CPU %", "server CPU µs/req", "server threads", "server RSS MiB",
    ];

    [Fact]
    public void Is_a_column_of_the_reports_scenario_tables_after_the_catalogs_own()
    {
        var table = ScenarioTable();

        Assert.Equal([.. ScenarioColumns, "throwaway s"], table.Columns);
        var row = Assert.Single(table.Rows);
        Assert.Equal("10.0", row[^1]); // twice the case's 5 s of rounds, one decimal
        Assert.Equal(["thread", "2", "20", "200", "1,000", "100 µs", "100 µs", "400 µs", "400 µs", "400 µs", "0", "50.0", "50.0", "n/a", "n/a"], row.Take(ScenarioColumns.Length));
    }

    [Fact]
    public void Takes_its_place_in_the_reports_scenario_tables_by_its_order()
    {
        // Between the catalog's requests/s (10) and the table's own "requests timed" (15).
        var early = new IterationMetric(
            "throwaway-early", "a throwaway shown second", "s", false, null, i => i.Seconds, null,
            new ReportColumn("early", ReportCell.Whole, 12));

        ReportTable table;
        using (Metrics.AddForTest(early))
        {
            table = ScenarioTable();
        }

        Assert.Equal(["engine", "clients", "requests/client", "requests/s", "early", "requests timed"], table.Columns.Take(6));
        Assert.Equal("5", table.Rows[0][4]);
        Assert.Equal("throwaway s", table.Columns[^1]);
    }

    [Fact]
    public void A_report_column_for_some_cases_only_is_shown_where_one_has_it_and_reads_na_for_the_others()
    {
        var some = new IterationMetric(
            "throwaway-some", "a throwaway only cases with errors have", "s", false, null, i => i.Seconds, null,
            new ReportColumn("some", ReportCell.Whole, 1001, AppliesTo: i => i.Errors > 0));
        var failing = CraftedRuns.Case("clients", "thread", 4, 100, 400, cpuPercent: 50, errors: 10);

        ReportTable alone, mixed;
        using (Metrics.AddForTest(some))
        {
            alone = ScenarioTable();
            mixed = ReportTables.Scenario(ScenarioData.From(CraftedRuns.Run("quick", ScenarioCase, failing)).Single());
        }

        Assert.DoesNotContain("some", alone.Columns);
        Assert.Equal("some", mixed.Columns[^1]);
        Assert.Equal(["n/a", "5"], mixed.Rows.Select(r => r[^1]));
    }

    [Fact]
    public void A_percentile_report_column_is_a_dash_where_too_few_requests_lie_beyond_it_and_the_notes_say_so()
    {
        var p90 = new IterationMetric(
            "throwaway-p90", "a throwaway percentile", "µs", false, null, i => i.Latency.Count == 0 ? null : i.Latency.P90Us, null,
            new ReportColumn("p90", ReportCell.Percentile, 35, Percentile: 90));
        var few = CraftedRuns.Case("clients", "thread", 2, 100, 400, requests: 5, rounds: 1);

        ReportTable table;
        using (Metrics.AddForTest(p90))
        {
            table = ReportTables.Scenario(ScenarioData.From(CraftedRuns.Run("quick", few, ScenarioCase with { Clients = 4 })).Single());
        }

        int column = table.Columns.ToList().IndexOf("p90");
        Assert.Equal("p99", table.Columns[column + 1]);
        Assert.Equal(["–", "400 µs"], table.Rows.Select(r => r[column]));
        Assert.Contains(table.Notes!, n => n.Contains("p90 needs 10, p99 needs 100, p99.9 needs 1,000", StringComparison.Ordinal));
    }

    [Fact]
    public void Is_a_row_of_loads_figures_table_after_its_own()
    {
        string[] lines = LoadTable().Split('\n');

        int clients = Array.FindIndex(lines, l => l.Contains("clients served in full / failed", StringComparison.Ordinal));
        Assert.True(clients > 0, "the closed loop's last row by hand");
        Assert.Matches(@"^. throwaway +. +0\.600 s .$", lines[clients + 1]); // twice the round's 300 ms
        Assert.Single(lines, l => l.Contains("throwaway", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_offers_it_by_name_after_the_catalogs_own()
    {
        Assert.True(ComparisonMetric.TryParse("throwaway", out var metric));
        Assert.Equal("throwaway", ComparisonMetric.All[^1].Name);
        Assert.Equal(3.0, metric.Extract(Round));
    }

    [Fact]
    public void Compare_computes_its_ratio_as_it_does_times()
    {
        string before = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 40), _temp.Sub("before"));
        string after = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 41, slowdown: 1.3), _temp.Sub("after"));
        Assert.True(ComparisonMetric.TryParse("throwaway", out var throwaway));
        var settings = new ComparisonSettings { Metrics = [ComparisonMetric.Time, throwaway] };

        var report = ComparisonRunner.Run(before, after, settings);

        Assert.NotEmpty(report.Cases);
        foreach (var c in report.Cases)
        {
            // Every synthetic round times the same number of requests: twice its time is its time per request, scaled.
            var time = c.Metrics.Single(m => m.Metric == ComparisonMetric.Time);
            var figure = c.Metrics.Single(m => m.Metric.Name == "throwaway");
            Assert.Equal(time.Ratio, figure.Ratio, 9);
            Assert.InRange(figure.Ratio, 1.1, 1.5);
        }
    }

    [Fact]
    public async Task Compare_on_the_command_line_takes_it_by_name_and_reports_it()
    {
        string before = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 40), _temp.Sub("before"));
        string after = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 41, slowdown: 1.3), _temp.Sub("after"));
        using var output = new StringWriter();
        using var error = new StringWriter();

        int code = await CommandLine.RunAsync(["compare", before, after, "--metric", "throwaway"], output, error);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Empty(error.ToString());
        Assert.Contains("geometric mean of ratios (current/base): throwaway 1.", output.ToString());
    }

    /// <summary>One closed-loop case of 1,000 requests over five rounds of 1 s; the server's threads and memory unknown.</summary>
    private static readonly CaseResult ScenarioCase = CraftedRuns.Case("clients", "thread", 2, 100, 400, cpuPercent: 50);

    /// <summary>The report's table of a scenario of that one case.</summary>
    private static ReportTable ScenarioTable() => ReportTables.Scenario(ScenarioData.From(CraftedRuns.Run("quick", ScenarioCase)).Single());

    private static void AssertSameTable(ReportTable expected, ReportTable actual)
    {
        Assert.Equal(expected.Columns, actual.Columns);
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Notes, actual.Notes);
    }

    /// <summary>bench's console table of one case: which columns it has and what they show.</summary>
    private static string BenchTable()
    {
        using var output = new StringWriter();
        BenchSummaryTable.Write([new CaseResult { Scenario = "clients", Engine = "thread", Clients = 2, Requests = 5, Overall = Round }], output);
        return output.ToString();
    }

    /// <summary>load's console tables for one closed-loop round of three requests in 300 ms.</summary>
    internal static string LoadTable()
    {
        var latency = HistogramFigures.NewHistogram();
        foreach (long us in new long[] { 100, 200, 300 })
        {
            latency.RecordValue(us * 1000);
        }

        LoadRound[] rounds =
        [
            new()
            {
                Index = 0, Started = DateTimeOffset.UnixEpoch, Requests = 3, Errors = new Dictionary<LoadErrorKind, long>(),
                Elapsed = TimeSpan.FromMilliseconds(300), Latency = latency, ClientsServed = 4, ClientCpu = TimeSpan.FromMilliseconds(75),
            },
        ];
        var report = new LoadReport(LoadTestSettings.Small(new IPEndPoint(IPAddress.Loopback, 1)), 4, new Dictionary<LoadErrorKind, long>(), rounds);
        using var output = new StringWriter();
        SummaryTable.Write(report, output);
        return output.ToString();
    }

    /// <summary>The verdict's rows of a scenario at a load point before any throwaway.</summary>
    private static readonly string[] VerdictMeasures =
        ["mean latency", "p99 latency", "worst latency (median of the rounds' max)", "throughput", "server CPU per request"];

    /// <summary>
    /// Two scenarios of two engines each, at one load point: the cmwq engine's rounds last twice as
    /// long as the thread engine's (2 s against 1 s), and so twice its throwaway figure.
    /// </summary>
    private static readonly CaseResult[] VerdictCases =
    [
        CraftedRuns.Case("clients", "thread", 2, 100, 400, roundSeconds: 1),
        CraftedRuns.Case("clients", "cmwq", 2, 120, 500, roundSeconds: 2),
        CraftedRuns.Case("idle", "thread", 10, 100, 400, roundSeconds: 1),
        CraftedRuns.Case("idle", "cmwq", 10, 120, 500, roundSeconds: 2),
    ];

    private static ReportTable VerdictOf(params CaseResult[] cases) => VerdictTable.From(ScenarioData.From(CraftedRuns.Run("quick", cases)))!;

    [Fact]
    public void Is_a_row_of_the_verdict_for_every_scenario_and_load_point_ranked_as_the_others()
    {
        var table = VerdictOf(VerdictCases);

        Assert.Equal([.. VerdictMeasures, "throwaway", .. VerdictMeasures, "throwaway"], table.Rows.Select(r => r[2]));
        foreach (string scenario in new[] { "clients", "idle" })
        {
            var row = table.Rows.Single(r => r[0] == scenario && r[2] == "throwaway");
            Assert.Equal("thread: 2.0 s", row[3]); // twice its rounds' 1 s, lower is better: the best engine named with its figure
            Assert.Equal("best", row[table.Columns.ToList().IndexOf("thread")]);
            Assert.Equal("2.00×", row[table.Columns.ToList().IndexOf("cmwq")]); // the others as ratios to it
        }
    }

    [Fact]
    public void Takes_its_place_in_the_verdict_by_its_order()
    {
        // Between the catalog's mean (10) and p99 (20) latency.
        var early = new IterationMetric(
            "throwaway-early", "a throwaway ranked second", "s", false, null, i => i.Seconds,
            verdict: new VerdictUse("early", VerdictKind.Figure, PerCompletedRequest: true, 15));

        ReportTable table;
        using (Metrics.AddForTest(early))
        {
            table = VerdictOf(VerdictCases);
        }

        string[] rows = ["mean latency", "early", .. VerdictMeasures[1..], "throwaway"];
        Assert.Equal([.. rows, .. rows], table.Rows.Select(r => r[2]));
        Assert.Equal("thread: 1.0 s", table.Rows[1][3]);
    }

    [Fact]
    public void Taken_away_it_is_no_row_of_the_verdict_and_the_verdict_is_as_it_was()
    {
        var with = VerdictOf(VerdictCases);

        _added.Dispose();
        var without = VerdictOf(VerdictCases);

        Assert.Equal([.. VerdictMeasures, .. VerdictMeasures], without.Rows.Select(r => r[2]));
        Assert.Equal(with.Columns, without.Columns);
        Assert.Equal(with.Rows.Where(r => r[2] != "throwaway"), without.Rows);
        Assert.Equal(with.Notes, without.Notes);
    }
}

/// <summary>Adding to the catalog is process-wide: no other test may run meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThrowawayMetricCollection
{
    public const string Name = "catalog with a throwaway metric";
}
