using KEchoBench.Bench.Formatting;
using KEchoBench.Bench.Results;
using ScottPlot;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// Grouped bars per engine: mean, p99 and max latency (left axis) and errors (right axis). For the
/// single-load-point scenarios (blocking, idle) where a line against clients would be one dot.
/// </summary>
internal static class GroupedBarsPlot
{
    private static readonly (string Name, Color Color)[] Metrics =
    [
        ("mean", Color.FromHex("#4c72b0")),
        ("p99", Color.FromHex("#dd8452")),
        ("max", Color.FromHex("#c44e52")),
        ("errors", Color.FromHex("#555555")),
    ];

    private const double Width = 0.2;

    public static IEnumerable<ReportPlot> For(ScenarioData scenario)
    {
        if (scenario.Measured.Count == 0)
        {
            yield break;
        }

        var groups = scenario.Series.Select(s => (s.Label, Case: s.Cases[^1])).ToList();
        var latencies = groups.SelectMany(g => new[] { g.Case.Overall!.Latency.MeanUs, g.Case.Overall.Latency.P99Us, g.Case.Overall.Latency.MaxUs })
            .Where(double.IsFinite).ToList();
        bool logY = PlotStyle.NeedsLog(latencies);
        // Log bars need a floor to grow from: a decade boundary at least half a decade below the smallest bar, so it shows.
        double floor = logY ? Math.Floor(Math.Log10(Math.Max(latencies.Where(v => v > 0).DefaultIfEmpty(1).Min(), 1e-3)) - 0.5) : 0;

        var plot = PlotStyle.New($"{scenario.Name}: latency and errors per engine", string.Empty, "latency");
        AddBars(plot, groups, logY, floor);
        StyleAxes(plot, groups, latencies, logY, floor);
        foreach (var (name, color) in Metrics)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = name, FillColor = color });
        }

        plot.ShowLegend(Edge.Bottom); // outside the bars, whichever engine is tallest
        var c = groups[0].Case;
        string caption = $"Mean, p99 and worst latency (left axis) and failed round trips (right axis) per engine, at {c.Clients} clients."
            + (logY ? " The latency axis is logarithmic: equal steps are equal ratios." : string.Empty);
        yield return new ReportPlot($"{scenario.Name}-bars", plot.Axes.Title.Label.Text, caption, plot);
    }

    /// <summary>Per engine, the mean, p99 and max bars on the left axis and the errors bar on the right one.</summary>
    private static void AddBars(Plot plot, List<(string Label, CaseResult Case)> groups, bool logY, double floor)
    {
        var latencyBars = new List<Bar>();
        var errorBars = new List<Bar>();
        for (int g = 0; g < groups.Count; g++)
        {
            var overall = groups[g].Case.Overall!;
            latencyBars.AddRange(LatencyBars(g, overall, logY, floor));
            errorBars.Add(new Bar
            {
                Position = g + (1.5 * Width),
                Value = overall.Errors,
                FillColor = Metrics[3].Color,
                Size = Width * 0.95,
                Label = overall.Errors > 0 ? ReportFormat.Whole(overall.Errors) : string.Empty,
            });
        }

        plot.Add.Bars(latencyBars);
        var errors = plot.Add.Bars(errorBars);
        errors.Axes.YAxis = plot.Axes.Right;
    }

    private static IEnumerable<Bar> LatencyBars(int group, IterationResult overall, bool logY, double floor)
    {
        // A missing figure (NaN: no round trip completed) draws no bar.
        double[] values = [.. new[] { overall.Latency.MeanUs, overall.Latency.P99Us, overall.Latency.MaxUs }
            .Select(v => double.IsFinite(v) ? v : (logY ? Math.Pow(10, floor) : 0))];
        for (int m = 0; m < values.Length; m++)
        {
            double value = logY ? PlotStyle.Log([values[m]])[0] : values[m];
            yield return new Bar
            {
                Position = group + ((m - 1.5) * Width),
                Value = value,
                ValueBase = floor,
                FillColor = Metrics[m].Color,
                Size = Width * 0.95,
            };
        }
    }

    /// <summary>The ticks and limits of both latency and error axes, and the engines under the groups.</summary>
    private static void StyleAxes(Plot plot, List<(string Label, CaseResult Case)> groups, List<double> latencies, bool logY, double floor)
    {
        plot.Axes.Right.Label.Text = "errors";
        plot.Axes.Right.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true, LabelFormatter = PlotStyle.CountTick };

        if (logY)
        {
            PlotStyle.LogTicks(plot.Axes.Left, LatencyText.Tick);
        }
        else
        {
            PlotStyle.LinearTicks(plot.Axes.Left, LatencyText.Tick);
        }

        // Limits last: both axes start at the bars' base, with room above the tallest bar for its label.
        double top = latencies.DefaultIfEmpty(1).Max();
        plot.Axes.SetLimitsY(floor, logY ? Math.Log10(top) + 0.15 : top * 1.1, plot.Axes.Left);
        double maxErrors = groups.Max(g => (double)g.Case.Overall!.Errors);
        plot.Axes.SetLimitsY(0, Math.Max(1, maxErrors) * 1.15, plot.Axes.Right);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, groups.Count).Select(i => (double)i)], [.. groups.Select(g => g.Label)]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
    }
}
