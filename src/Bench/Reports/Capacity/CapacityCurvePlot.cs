using KEchoBench.Bench.Capacity;
using KEchoBench.Bench.Formatting;
using KEchoBench.Bench.Results;
using ScottPlot;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// The latency–throughput curve of one engine at one connection count: p50, p99 and p99.9 of every
/// step of every search against its offered rate (log latency), the objective as a horizontal line,
/// the knee and the maximum sustainable rate as vertical ones; a second plot beside it gives the
/// delivered rate against the offered one.
/// </summary>
internal static class CapacityCurvePlot
{
    public static IEnumerable<ReportPlot> For(CapacityResult capacity, CapacitySearchResult search, IReadOnlyList<string> engines)
    {
        var steps = search.Repetitions.SelectMany(r => r.Steps).Where(s => s.Requests > 0).OrderBy(s => s.OfferedRate).ToList();
        if (steps.Count == 0)
        {
            yield break;
        }

        string stem = $"capacity-{Stem(search.Engine)}-{search.Connections}";
        var color = EngineStyle.ColorOf(search.Engine, engines);
        double[] xs = [.. steps.Select(s => s.OfferedRate)];
        yield return LatencyPlot(capacity, search, steps, xs, color, stem);
        yield return DeliveredPlot(search, steps, xs, color, stem);
    }

    /// <summary>The percentiles of every step against its offered rate, with the failed steps, the objective, the knee and the maximum marked.</summary>
    private static ReportPlot LatencyPlot(CapacityResult capacity, CapacitySearchResult search, List<CapacityStep> steps, double[] xs, Color color, string stem)
    {
        var plot = PlotStyle.New($"{search.Engine} at {search.Connections} connections: latency vs offered rate", "offered requests/s", "latency (from scheduled send)");
        AddPercentiles(plot, steps, xs, color);
        AddFailedSteps(plot, steps);
        AddObjectives(plot, capacity.Objective);
        AddRateLines(plot, search);
        PlotStyle.LogTicks(plot.Axes.Left, LatencyText.Tick);
        PlotStyle.LinearTicks(plot.Axes.Bottom, PlotStyle.CountTick);
        plot.ShowLegend(Edge.Right);
        return new ReportPlot(stem, plot.Axes.Title.Label.Text,
            "Every step of every search: p50 (open circles), p99 (filled) and p99.9 (squares) from each request's scheduled send, against the offered rate; crosses mark steps that were not sustained. The grey lines are the objective, orange the knee, green the maximum sustainable rate. The latency axis is logarithmic.",
            plot);
    }

    private static void AddPercentiles(Plot plot, List<CapacityStep> steps, double[] xs, Color color)
    {
        // Points, not lines: the steps of several searches share the axis, and a line through them would zigzag between searches.
        foreach (var (name, pick, shape) in new (string, Func<CapacityStep, double>, MarkerShape)[]
        {
            ("p50", s => s.Latency.P50Us, MarkerShape.OpenCircle),
            ("p99", s => s.Latency.P99Us, MarkerShape.FilledCircle),
            ("p99.9", s => s.Latency.P999Us, MarkerShape.OpenSquare),
        })
        {
            var percentile = plot.Add.ScatterPoints(xs, PlotStyle.Log(steps.Select(pick)));
            percentile.LegendText = name;
            percentile.Color = color;
            percentile.MarkerShape = shape;
            percentile.MarkerSize = 6;
        }
    }

    private static void AddFailedSteps(Plot plot, List<CapacityStep> steps)
    {
        var failed = steps.Where(s => !s.Sustained).ToList();
        if (failed.Count > 0)
        {
            var marks = plot.Add.ScatterPoints(failed.Select(s => s.OfferedRate).ToArray(), PlotStyle.Log(failed.Select(s => s.Latency.P99Us)));
            marks.LegendText = "step not sustained";
            marks.Color = Colors.Black;
            marks.MarkerShape = MarkerShape.Eks;
            marks.MarkerSize = 9;
        }
    }

    /// <summary>A dashed grey line at the limit of every term of the objective.</summary>
    private static void AddObjectives(Plot plot, string? objective)
    {
        foreach (string term in (objective ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Capacity.ServiceLevelObjective.TryParse(term, out var slo, out _))
            {
                var limit = slo!.Terms[0];
                var h = plot.Add.HorizontalLine(Math.Log10(limit.Limit.TotalMicroseconds));
                h.Color = Colors.Gray;
                h.LinePattern = LinePattern.Dashed;
                h.LegendText = $"objective {term.Trim()}";
            }
        }
    }

    /// <summary>The knee (orange) and the maximum sustainable rate (green), where the search found them.</summary>
    private static void AddRateLines(Plot plot, CapacitySearchResult search)
    {
        if (CapacityKnee.Of(search) is { } knee)
        {
            var v = plot.Add.VerticalLine(knee);
            v.Color = Colors.Orange;
            v.LegendText = $"knee {ReportFormat.Whole(knee)}/s";
        }

        if (search.MaxSustainableRate is { } max)
        {
            var v = plot.Add.VerticalLine(max);
            v.Color = Colors.Green;
            v.LegendText = $"max sustainable {ReportFormat.Whole(max)}/s";
        }
    }

    /// <summary>The delivered rate of every step against the offered one, beside the line where they are equal.</summary>
    private static ReportPlot DeliveredPlot(CapacitySearchResult search, List<CapacityStep> steps, double[] xs, Color color, string stem)
    {
        var delivered = PlotStyle.New($"{search.Engine} at {search.Connections} connections: delivered vs offered rate", "offered requests/s", "delivered requests/s");
        var points = delivered.Add.ScatterPoints(xs, [.. steps.Select(s => s.DeliveredRate)]);
        points.Color = color;
        points.LegendText = "delivered";
        points.MarkerSize = 6;
        var ideal = delivered.Add.Line(0, 0, xs.Max(), xs.Max());
        ideal.Color = Colors.Gray;
        ideal.LinePattern = LinePattern.Dashed;
        ideal.LegendText = "delivered = offered";
        PlotStyle.LinearTicks(delivered.Axes.Left, PlotStyle.CountTick);
        PlotStyle.LinearTicks(delivered.Axes.Bottom, PlotStyle.CountTick);
        delivered.ShowLegend(Edge.Right);
        return new ReportPlot(stem + "-delivered", delivered.Axes.Title.Label.Text,
            "Requests verified per second of each step (its tail included) against the rate offered; a sustained step lies on the dashed line (within 1 %).",
            delivered);
    }

    private static string Stem(string engine) => new([.. engine.Select(ch => char.IsLetterOrDigit(ch) ? ch : '-')]);
}
