using System.Globalization;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// The kecho report's clients × requests grid (20 × 20, 40 × 5, 50 × 20) as it plotted it: seconds
/// per test (the measured rounds' duration over the tests they ran, their repeats), then per request mean, p99 and max; connect
/// time apart from round-trip latency; clients served next to round trips failed.
/// </summary>
internal static class KechoGridTable
{
    public const string Id = "kecho-grid";

    /// <summary>The grid table of a run, or null when it has no grid case.</summary>
    public static ReportTable? From(RunResult run)
    {
        var cases = run.Cases.Where(c => c.Scenario == ScenarioCatalog.KechoTelnet && c.Sets.Contains(KechoCases.GridSet) && c.Overall is not null && c.Failure is null)
            .OrderBy(c => c.Clients).ThenBy(c => c.Requests).ThenBy(c => EngineStyle.Order(run.Cases.Select(x => x.Engine)).ToList().IndexOf(c.Engine))
            .ToList();
        if (cases.Count == 0)
        {
            return null;
        }

        var rows = cases.Select(c =>
        {
            var o = c.Overall!;
            var l = o.Latency;
            return (IReadOnlyList<string>)[
                $"{c.Clients} × {c.Requests}", c.Engine, (c.Overall!.Repeats > 0 ? c.Overall.Repeats : c.Iterations.Count).ToString(CultureInfo.InvariantCulture),
                SecondsPerTest(c) is { } test ? test.ToString("0.000", CultureInfo.InvariantCulture) : "n/a",
                ReportTables.Timed(l, l.MeanUs), ReportTables.Percentile(l, 99, l.P99Us), ReportTables.Timed(l, l.MaxUs), ReportFormat.Whole(l.Count),
                ReportTables.ConnectMean(o), ReportTables.ConnectMax(o),
                ReportTables.ClientsServed(o), ReportFormat.Whole(o.Errors), ReportTables.Cpu(c, o.ServerCpuPercent)];
        }).ToList();
        return new ReportTable(Id, "kecho telnet grid: clients × requests", [
            "clients × requests", "engine", "repeats", "seconds per test", "mean", "p99", "max", "requests timed",
            "connect mean", "connect max", "clients served", "round trips failed", "server CPU %"], rows,
            [.. ReportTables.DashNotes(cases, 99),
                "Repeats: the tests the case's measured rounds ran together. Seconds per test: those rounds' duration divided by their repeats, where one test is every client connecting, sending its lines, reading each echo and hanging up, "
                + "as the kecho report plotted it. Mean, p99 and max are per request and leave connecting out; connect time is its own columns."]);
    }

    /// <summary>The mean duration of one whole clients × requests test: a round's, or its share where a round repeated the test.</summary>
    public static double? SecondsPerTest(CaseResult c) =>
        c.Overall is not { } o ? null
        : o.Repeats > 0 ? o.Seconds / o.Repeats
        : FigureResolution.MeanRound(c)?.TotalSeconds;
}
