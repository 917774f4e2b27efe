using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// Writes a results folder's report next to its <c>run.json</c>: PNG and SVG plots, <c>report.html</c>
/// and <c>summary.md</c>. <c>kechobench report</c> calls it, and so does <c>bench</c> at the end of a run.
/// </summary>
internal static class ReportWriter
{
    /// <summary>
    /// Reads <c>run.json</c> from <paramref name="resultsDirectory"/> and writes the report into the same folder.
    /// Throws <see cref="FileNotFoundException"/> or <see cref="InvalidDataException"/> when there is no readable run.
    /// </summary>
    /// <returns>The full paths of every file written.</returns>
    public static IReadOnlyList<string> Write(string resultsDirectory) =>
        Write(RunResultStore.Read(resultsDirectory), resultsDirectory);

    /// <summary>Writes the report of <paramref name="run"/> into <paramref name="outputDirectory"/>.</summary>
    public static IReadOnlyList<string> Write(RunResult run, string outputDirectory)
    {
        Directory.CreateDirectory(outputDirectory);
        var content = Build(run, outputDirectory);
        var written = content.AllPlots.SelectMany(p => new[] { p.PngFile, p.SvgFile }).ToList();

        string html = Path.Combine(outputDirectory, HtmlReport.FileName);
        File.WriteAllText(html, HtmlReport.Render(content));
        written.Add(html);

        string summary = Path.Combine(outputDirectory, MarkdownSummary.FileName);
        File.WriteAllText(summary, MarkdownSummary.Render(content));
        written.Add(summary);
        return written;
    }

    /// <summary>Computes tables and findings and renders the plots into <paramref name="outputDirectory"/>.</summary>
    public static ReportContent Build(RunResult run, string outputDirectory)
    {
        var scenarios = ScenarioData.From(run);
        var plots = scenarios.ToDictionary(s => s.Name,
            s => (IReadOnlyList<RenderedPlot>)[.. PlotsFor(s).Select(p => PlotRenderer.Render(p, outputDirectory))]);
        return new ReportContent(
            run,
            scenarios,
            ReportTables.Environment(run),
            scenarios.ToDictionary(s => s.Name, s => TablesFor(run, s)),
            ReportTables.Errors(run),
            ReportTables.Failures(run),
            ReportFindings.From(run, scenarios),
            plots,
            VerdictTable.From(scenarios),
            TimeBreakdown.UnderClaims(KechoClaims.Table(KechoClaims.From(run, scenarios)), scenarios),
            CapacitySection.Build(run, outputDirectory),
            PlacementTable.From(run),
            YardstickTable.From(run));
    }

    /// <summary>A scenario's table of every measured case, the kecho telnet scenario's grid after it, then where the server's time went and what its runtime did.</summary>
    private static IReadOnlyList<ReportTable> TablesFor(RunResult run, ScenarioData scenario) =>
        [
            ReportTables.Scenario(scenario),
            .. scenario.Name == ScenarioCatalog.KechoTelnet && KechoGridTable.From(run) is { } grid ? [grid] : Array.Empty<ReportTable>(),
            .. TimeBreakdownTable.For(scenario) is { } time ? [time] : Array.Empty<ReportTable>(),
            .. RuntimeTable.For(scenario) is { } runtime ? [runtime] : Array.Empty<ReportTable>(),
        ];

    /// <summary>
    /// Which plots a scenario gets: lines against clients when it sweeps clients, grouped bars when
    /// it is one load point, the per-connection scatter for the burst, a percentile spectrum always, and
    /// where the server's time went at the main load point when the run watched it.
    /// </summary>
    private static IEnumerable<ReportPlot> PlotsFor(ScenarioData scenario)
    {
        var plots = new List<ReportPlot>();
        plots.AddRange(ClientsSweepPlots.For(scenario));
        bool burst = ScenarioCatalog.IsBurst(scenario.Name);
        if (scenario.ClientCounts.Count == 1 && !burst)
        {
            plots.AddRange(GroupedBarsPlot.For(scenario));
        }

        if (burst)
        {
            plots.AddRange(BurstScatterPlot.For(scenario));
        }

        plots.AddRange(SpectrumPlot.For(scenario));
        plots.AddRange(TimeSplitPlot.For(scenario));
        return plots;
    }
}
