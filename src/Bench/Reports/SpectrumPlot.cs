using KEchoBench.Bench.Formatting;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// The latency percentile spectrum (HdrHistogram style): the x axis is 1/(1−percentile) on a log
/// scale, so 90 %, 99 %, 99.9 % and 99.99 % are evenly spaced and the tail gets as much room as the
/// median; the worst round trip sits at the right edge. One line per engine, at the scenario's largest
/// client count.
/// </summary>
internal static class SpectrumPlot
{
    private static readonly double[] TickPercentiles = [50, 90, 99, 99.9, 99.99];

    /// <summary>Where "max" is drawn: one decade right of 99.99 %.</summary>
    private const double MaxPosition = 5;

    public static IEnumerable<ReportPlot> For(ScenarioData scenario)
    {
        if (scenario.Measured.Count == 0)
        {
            yield break;
        }

        var engines = EngineStyle.Order(scenario.Series.Select(s => s.Engine));
        var lines = scenario.Series.Select(s => (Series: s, Case: s.Cases[^1], Points: PointsOf(s.Cases[^1]))).ToList();
        bool logY = PlotStyle.NeedsLog(lines.SelectMany(l => l.Points.Select(p => p.ValueUs)));

        var clients = lines.Select(l => l.Case.Clients).Distinct().ToList();
        string at = clients.Count == 1 ? $" at {clients[0]} clients" : " at each engine's largest client count";
        var plot = PlotStyle.New($"{scenario.Name}: latency by percentile{at}", "percentile", "latency");

        foreach (var (series, _, points) in lines)
        {
            var xs = points.Select(p => Position(p.Percentile)).ToArray();
            var ys = points.Select(p => p.ValueUs).ToArray();
            var line = plot.Add.Scatter(xs, logY ? PlotStyle.Log(ys) : ys);
            line.LegendText = series.LegendLabel;
            line.Color = EngineStyle.ColorOf(series.Engine, engines);
            line.LineWidth = 2;
            line.MarkerSize = 4;
        }

        plot.Axes.Bottom.SetTicks(
            [.. TickPercentiles.Select(Position), MaxPosition],
            [.. TickPercentiles.Select(ReportFormat.Percentile), "max"]);
        if (logY)
        {
            PlotStyle.LogTicks(plot.Axes.Left, LatencyText.Tick);
        }
        else
        {
            PlotStyle.LinearTicks(plot.Axes.Left, LatencyText.Tick);
        }

        plot.Axes.SetLimitsX(0, MaxPosition + 0.1);
        plot.ShowLegend(ScottPlot.Edge.Right); // outside the data: lines end up in every corner
        string caption = "Latency at each percentile (HdrHistogram style: the x axis stretches the tail, 99 % to 99.99 % are evenly spaced; "
            + "'max' is the worst round trip). A flat line is predictable service; a line that turns up early means a heavy tail."
            + (logY ? " The latency axis is logarithmic." : string.Empty)
            // A percentile is only as good as the requests beyond it: say how many each line rests on.
            + " Requests timed: " + string.Join(", ", lines.Select(l => $"{l.Series.Label} {ReportFormat.Whole(l.Case.Overall!.Latency.Count)}")) + ".";
        yield return new ReportPlot($"{scenario.Name}-spectrum", plot.Axes.Title.Label.Text, caption, plot);
    }

    /// <summary>The spectrum a case recorded, or its summary percentiles when it recorded none.</summary>
    public static IReadOnlyList<PercentilePoint> PointsOf(CaseResult c)
    {
        var points = c.Spectrum.Where(p => p.Percentile >= TickPercentiles[0] && double.IsFinite(p.ValueUs)).OrderBy(p => p.Percentile).ToList();
        if (points.Count == 0)
        {
            var l = c.Overall!.Latency;
            points = [.. new PercentilePoint[] { new(50, l.P50Us), new(90, l.P90Us), new(99, l.P99Us), new(99.9, l.P999Us), new(99.99, l.P9999Us) }
                .Where(p => double.IsFinite(p.ValueUs))];
        }

        if ((points.Count == 0 || points[^1].Percentile < 100) && double.IsFinite(c.Overall!.Latency.MaxUs))
        {
            points.Add(new PercentilePoint(100, c.Overall!.Latency.MaxUs));
        }

        return points;
    }

    /// <summary>log10(1/(1−p)): 90 % → 1, 99 % → 2, 99.9 % → 3; 100 % (max) is drawn at <see cref="MaxPosition"/>.</summary>
    public static double Position(double percentile) =>
        percentile >= 100 ? MaxPosition : Math.Min(MaxPosition, Math.Log10(1 / (1 - (percentile / 100))));
}
