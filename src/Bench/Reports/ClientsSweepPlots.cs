using KEchoBench.Bench.Formatting;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// Line plots of a metric against clients, one line per engine: latency (mean, p99, max), requests/s,
/// server CPU % and server CPU µs per request. Made for every scenario that measures more than one
/// client count (clients, cpu).
/// </summary>
internal static class ClientsSweepPlots
{
    private sealed record Metric(string Stem, string Title, string YLabel, Func<CaseResult, double?> Value, bool IsLatency, string Caption);

    private static readonly Metric[] Metrics =
    [
        new("latency-mean", "mean latency", "mean latency", c => c.Overall!.Latency.MeanUs, true,
            "Mean round-trip latency against active clients; lower is better."),
        new("latency-p99", "p99 latency", "p99 latency", c => c.Overall!.Latency.P99Us, true,
            "99th percentile latency against clients: what 1 request in 100 waits at least."),
        new("latency-max", "worst latency", "max latency", c => c.Overall!.Latency.MaxUs, true,
            "The single worst round trip at each client count: the kecho report's 'worst response time'."),
        new("throughput", "requests/s", "requests per second", c => c.Overall!.RequestsPerSecond, false,
            "Completed round trips per second against clients; higher is better."),
        new("cpu-percent", "server CPU", "server CPU % of one core", FigureResolution.ServerCpuPercent, false,
            "Server process CPU time over the run, as a percentage of one core (200 % = both cores of a 2-core machine)."),
        new("cpu-per-request", "server CPU per request", "server CPU µs per request", FigureResolution.ServerCpuUsPerRequest, false,
            "Server CPU time divided by completed requests: the cost of one round trip, scheduling included."),
    ];

    public static IEnumerable<ReportPlot> For(ScenarioData scenario)
    {
        if (scenario.ClientCounts.Count < 2)
        {
            yield break;
        }

        var engines = EngineStyle.Order(scenario.Series.Select(s => s.Engine));
        foreach (var metric in Metrics)
        {
            if (!scenario.Measured.Any(c => metric.Value(c) is not null))
            {
                continue; // e.g. no server CPU for an external server: an empty plot would only puzzle.
            }

            yield return Build(scenario, metric, engines);
        }
    }

    private static ReportPlot Build(ScenarioData scenario, Metric metric, IReadOnlyList<string> engines)
    {
        var plot = PlotStyle.New($"{scenario.Name}: {metric.Title} vs clients", "active clients", metric.YLabel);
        bool logX = PlotStyle.NeedsLog(scenario.ClientCounts.Select(c => (double)c));
        var allValues = scenario.Measured.Select(metric.Value).OfType<double>().Where(double.IsFinite).ToList();
        bool logY = metric.IsLatency && PlotStyle.NeedsLog(allValues);

        foreach (var series in scenario.Series)
        {
            var points = series.Cases.Where(c => metric.Value(c) is { } v && double.IsFinite(v)).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var xs = points.Select(p => (double)p.Clients).ToArray();
            var ys = points.Select(p => metric.Value(p)!.Value).ToArray();
            var line = plot.Add.Scatter(logX ? PlotStyle.Log(xs) : xs, logY ? PlotStyle.Log(ys) : ys);
            line.LegendText = series.LegendLabel;
            line.Color = EngineStyle.ColorOf(series.Engine, engines);
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }

        Func<double, string> yTick = metric.IsLatency ? LatencyText.Tick
            : metric.Stem == "throughput" ? PlotStyle.CountTick : PlotStyle.DecimalTick;
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
        var unresolved = metric.Stem.StartsWith("cpu", StringComparison.Ordinal)
            ? scenario.Measured.Where(c => FigureResolution.CpuUnresolved(c) is not null).ToList() : [];
        string gaps = unresolved.Count == 0 ? string.Empty
            : $" Left out: {string.Join(", ", unresolved.Select(c => $"{c.Engine} at {c.Clients}"))}, whose rounds were too short for the CPU clock (the table shows \u2013).";
        return new ReportPlot($"{scenario.Name}-{metric.Stem}", plot.Axes.Title.Label.Text, metric.Caption + gaps + scale, plot);
    }
}
