using KEchoBench.Bench.Formatting;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// The burst scenario's send-to-echo time of every connection slot, one colour per engine: the
/// analogue of kecho's <c>bench.png</c> (<c>index time_us</c> plotted by gnuplot).
/// </summary>
internal static class BurstScatterPlot
{
    public static IEnumerable<ReportPlot> For(ScenarioData scenario)
    {
        var withSlots = scenario.Series.Select(s => (Series: s, Case: s.Cases[^1]))
            .Where(x => x.Case.PerConnectionUs.Count > 0).ToList();
        if (withSlots.Count == 0)
        {
            yield break;
        }

        var engines = EngineStyle.Order(withSlots.Select(x => x.Series.Engine));
        bool logY = PlotStyle.NeedsLog(withSlots.SelectMany(x => x.Case.PerConnectionUs));
        int connections = withSlots.Max(x => x.Case.PerConnectionUs.Count);
        var plot = PlotStyle.New($"{scenario.Name}: time per connection ({connections} at once)", "connection", "send-to-echo time");
        foreach (var (series, c) in withSlots)
        {
            // A slot whose connection failed has no time (NaN): leave a gap at its index rather than a dot at zero.
            var slots = c.PerConnectionUs.Select((us, i) => (Index: (double)i, Us: us)).Where(s => double.IsFinite(s.Us)).ToList();
            double[] xs = [.. slots.Select(s => s.Index)];
            double[] ys = [.. slots.Select(s => s.Us)];
            var dots = plot.Add.ScatterPoints(xs, logY ? PlotStyle.Log(ys) : ys);
            dots.LegendText = series.Label;
            dots.Color = EngineStyle.ColorOf(series.Engine, engines);
            dots.MarkerSize = 3;
        }

        if (logY)
        {
            PlotStyle.LogTicks(plot.Axes.Left, LatencyText.Tick);
        }
        else
        {
            PlotStyle.LinearTicks(plot.Axes.Left, LatencyText.Tick);
        }

        plot.ShowLegend(ScottPlot.Edge.Right); // outside the data: lines end up in every corner
        string caption = "Each dot is one connection slot of the burst: its mean time from send to echo over the measured rounds, "
            + "as kecho's bench tool reports it. Steps and bands show connections waiting in the accept backlog or for a worker; a ramp, connections served one after another."
            + (logY ? " The time axis is logarithmic." : string.Empty);
        yield return new ReportPlot($"{scenario.Name}-per-connection", plot.Axes.Title.Label.Text, caption, plot, 900, 480);
    }
}
