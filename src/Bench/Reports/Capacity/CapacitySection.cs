using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>The report's Capacity section, beside the verdict: its tables and its rendered curves.</summary>
internal sealed record CapacitySection(IReadOnlyList<ReportTable> Tables, IReadOnlyList<RenderedPlot> Plots)
{
    public const string Id = "capacity-section";

    /// <summary>Null when the run has no capacity section (no searches, no fit).</summary>
    public static CapacitySection? Build(RunResult run, string outputDirectory)
    {
        if (run.Capacity is not { } capacity)
        {
            return null;
        }

        var engines = EngineStyle.Order(capacity.Searches.Select(s => s.Engine));
        var plots = capacity.Searches
            .OrderBy(s => engines.ToList().IndexOf(s.Engine)).ThenBy(s => s.Connections)
            .SelectMany(s => CapacityCurvePlot.For(capacity, s, engines))
            .Concat(ScalabilityPlot.For(capacity))
            .Select(p => PlotRenderer.Render(p, outputDirectory))
            .ToList();
        var tables = new[] { CapacityTables.Rates(capacity), CapacityTables.Fits(capacity) }.OfType<ReportTable>().ToList();
        return tables.Count == 0 && plots.Count == 0 ? null : new CapacitySection(tables, plots);
    }
}
