using KEchoBench.Bench.Formatting;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// Line plots of a figure against clients, one line per engine: one per catalog entry with a
/// <see cref="SweepPlot"/> (today latency mean, p99 and max, requests/s, server CPU % and server CPU
/// µs per request), in their order. Made for every scenario that measures more than one client
/// count (clients, cpu). Each point is the case's overall figure.
/// </summary>
internal static class ClientsSweepPlots
{
    /// <summary>The catalog's plotted figures, in their order.</summary>
    private static IEnumerable<(IterationMetric Metric, SweepPlot Plot)> Plotted =>
        Metrics.All.Where(m => m.Plot is not null).Select(m => (m, m.Plot!)).OrderBy(p => p.Item2.Order);

    public static IEnumerable<ReportPlot> For(ScenarioData scenario)
    {
        if (scenario.ClientCounts.Count < 2)
        {
            yield break;
        }

        var engines = EngineStyle.Order(scenario.Series.Select(s => s.Engine));
        foreach (var (metric, sweep) in Plotted)
        {
            if (!scenario.Measured.Any(c => Value(metric, sweep, c) is not null))
            {
                continue; // e.g. no server CPU for an external server: an empty plot would only puzzle.
            }

            yield return Build(scenario, metric, sweep, engines);
        }
    }

    /// <summary>A case's point: its overall figure; none where the CPU clock cannot resolve a CPU figure (the table shows a dash there).</summary>
    private static double? Value(IterationMetric metric, SweepPlot sweep, CaseResult c) =>
        sweep.Kind == ReportCell.ServerCpu && FigureResolution.CpuUnresolved(c) is not null ? null : metric.ValueOf(c.Overall!);

    private static bool IsLatency(SweepPlot sweep) => sweep.Kind is ReportCell.Latency or ReportCell.Percentile;

    private static ReportPlot Build(ScenarioData scenario, IterationMetric metric, SweepPlot sweep, IReadOnlyList<string> engines)
    {
        var plot = PlotStyle.New($"{scenario.Name}: {sweep.Title} vs clients", "active clients", sweep.YLabel);
        bool logX = PlotStyle.NeedsLog(scenario.ClientCounts.Select(c => (double)c));
        var allValues = scenario.Measured.Select(c => Value(metric, sweep, c)).OfType<double>().Where(double.IsFinite).ToList();
        bool logY = IsLatency(sweep) && PlotStyle.NeedsLog(allValues);

        foreach (var series in scenario.Series)
        {
            var points = series.Cases.Where(c => Value(metric, sweep, c) is { } v && double.IsFinite(v)).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var xs = points.Select(p => (double)p.Clients).ToArray();
            var ys = points.Select(p => Value(metric, sweep, p)!.Value).ToArray();
            var line = plot.Add.Scatter(logX ? PlotStyle.Log(xs) : xs, logY ? PlotStyle.Log(ys) : ys);
            line.LegendText = series.LegendLabel;
            line.Color = EngineStyle.ColorOf(series.Engine, engines);
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }

        Func<double, string> yTick = IsLatency(sweep) ? LatencyText.Tick
            : sweep.Kind is ReportCell.Whole or ReportCell.Integer ? PlotStyle.CountTick : PlotStyle.DecimalTick;
        if (logY)
        {
            PlotStyle.LogTicks(plot.Axes.Left, yTick);
        }
        else
        {
            PlotStyle.LinearTicks(plot.Axes.Left, yTick);
            // Rates and CPU start at zero: a floating baseline exaggerates differences.
            plot.Axes.SetLimitsY(0, Math.Max(allValues.DefaultIfEmpty(0).Max(), 1e-9) * 1.08);
        }

        if (logX)
        {
            PlotStyle.LogTicks(plot.Axes.Bottom, PlotStyle.CountTick);
        }

        plot.ShowLegend(ScottPlot.Edge.Right); // outside the data: lines end up in every corner
        string scale = (logX, logY) switch
        {
            (true, true) => " Both axes are logarithmic.",
            (true, false) => " The clients axis is logarithmic.",
            (false, true) => " The latency axis is logarithmic.",
            _ => string.Empty,
        };
        var unresolved = sweep.Kind == ReportCell.ServerCpu
            ? scenario.Measured.Where(c => FigureResolution.CpuUnresolved(c) is not null).ToList() : [];
        string gaps = unresolved.Count == 0 ? string.Empty
            : $" Left out: {string.Join(", ", unresolved.Select(c => $"{c.Engine} at {c.Clients}"))}, whose rounds were too short for the CPU clock (the table shows \u2013).";
        return new ReportPlot($"{scenario.Name}-{sweep.Stem}", plot.Axes.Title.Label.Text, sweep.Caption + gaps + scale, plot);
    }
}
