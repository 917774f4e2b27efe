using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>Everything the HTML report and the Markdown summary show, computed once from a run.</summary>
internal sealed record ReportContent(
    RunResult Run,
    IReadOnlyList<ScenarioData> Scenarios,
    ReportTable Environment,
    IReadOnlyDictionary<string, IReadOnlyList<ReportTable>> ScenarioTables,
    ReportTable? Errors,
    ReportTable? Failures,
    IReadOnlyList<Finding> Findings,
    IReadOnlyDictionary<string, IReadOnlyList<RenderedPlot>> Plots,
    ReportTable? Verdict = null,
    ReportTable? Claims = null,
    CapacitySection? Capacity = null,
    ReportTable? Placement = null,
    ReportTable? Yardsticks = null)
{
    /// <summary>The tables that open the report, before the findings: the verdict, the engines against their native yardsticks, the capacity tables, the kecho claims, then where a distributed run ran.</summary>
    public IEnumerable<ReportTable> HeadlineTables => new[] { Verdict, Yardsticks }.Concat(Capacity?.Tables ?? []).Concat([Claims, Placement]).OfType<ReportTable>();

    /// <summary>Every table after the findings, in report order.</summary>
    public IEnumerable<ReportTable> AllTables =>
        new[] { Environment }.Concat(Scenarios.SelectMany(s => ScenarioTables[s.Name])).Concat(new[] { Errors, Failures }.OfType<ReportTable>());

    public IEnumerable<RenderedPlot> AllPlots => Scenarios.SelectMany(s => Plots[s.Name]).Concat(Capacity?.Plots ?? []);

    public string Title => $"KEchoBench report: {Run.Profile} run of {Run.Started.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC";
}
