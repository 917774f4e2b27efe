using System.Globalization;
using KEchoBench.Bench.Results;
using ScottPlot;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// "Where the time went" as a chart: at a scenario's main load point (the verdict's), one stacked
/// bar per engine of its server thread time as a share, running at the bottom, then waiting for a
/// CPU, then blocked or idle; each bar outlined in its engine's colour and labelled with its running
/// and waiting shares (on a model with many parked threads they are slivers). The caption is the
/// one line of numbers under it. None when no engine there has the scheduler's times.
/// </summary>
internal static class TimeSplitPlot
{
    public static readonly (string Name, Color Color)[] Parts =
    [
        ("running", Color.FromHex("#2f6f3e")),
        ("waiting for a CPU", Color.FromHex("#d9822b")),
        ("blocked or idle", Color.FromHex("#d0d0d0")),
    ];

    public static IEnumerable<ReportPlot> For(ScenarioData scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Measured.Count == 0)
        {
            yield break;
        }

        int clients = VerdictTable.LoadPoint(scenario);
        var engines = scenario.Engines
            .Select(e => (Engine: e, Times: scenario.At(e, clients)?.Overall?.Attribution?.Server))
            .Select(x => (x.Engine, x.Times, Split: ServerTimeSplit.Of(x.Times)))
            .Where(x => x.Split is not null)
            .ToList();
        if (engines.Count == 0)
        {
            yield break;
        }

        string load = $"{clients} client{(clients == 1 ? "" : "s")}";
        var plot = PlotStyle.New($"{scenario.Name}: where the server's time went at {load}", string.Empty, "share of server thread time");
        var bars = new List<Bar>();
        for (int i = 0; i < engines.Count; i++)
        {
            bars.AddRange(StackedBar(i, engines[i].Split!, EngineStyle.ColorOf(engines[i].Engine, scenario.Engines)));
        }

        plot.Add.Bars(bars);
        PlotStyle.LinearTicks(plot.Axes.Left, v => v.ToString("0", CultureInfo.InvariantCulture) + " %");
        plot.Axes.SetLimitsY(0, 108); // room above 100 % for the labels, no tick past it
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, engines.Count).Select(i => (double)i)], [.. engines.Select(e => e.Engine)]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        foreach (var (name, color) in Parts)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = name, FillColor = color });
        }

        plot.ShowLegend(Edge.Bottom);
        yield return new ReportPlot($"{scenario.Name}-time", plot.Axes.Title.Label.Text, Caption(engines, load), plot);
    }

    /// <summary>The three segments of one engine's bar, bottom up, outlined in the engine's colour.</summary>
    private static IEnumerable<Bar> StackedBar(int position, ServerTimeSplit split, Color outline)
    {
        double[] shares = [100 * split.RunningShare, 100 * split.WaitingShare, 100 * split.BlockedShare];
        double bottom = 0;
        for (int p = 0; p < Parts.Length; p++)
        {
            yield return new Bar
            {
                Position = position,
                ValueBase = bottom,
                Value = bottom + shares[p],
                FillColor = Parts[p].Color,
                LineColor = outline,
                LineWidth = 2,
                Size = 0.6,
                // The top segment carries the bar's label: the two small shares a reader cannot see.
                Label = p == Parts.Length - 1 ? $"{Percent(shares[0])} + {Percent(shares[1])}" : string.Empty,
            };
            bottom += shares[p];
        }
    }

    private static string Caption(List<(string Engine, ProcessTimes? Times, ServerTimeSplit? Split)> engines, string load)
    {
        string numbers = string.Join("; ", engines.Select(e =>
            $"{e.Engine} {Percent(100 * e.Split!.RunningShare)} running, {Percent(100 * e.Split.WaitingShare)} waiting of {ThreadSeconds(e.Split.TotalMs)} thread-s, {Started(e.Times!.ThreadsStarted)}"));
        return $"Server thread time at {load}, all rounds (labels: running + waiting for a CPU; the rest blocked or idle): {numbers}.";
    }

    private static string Started(int threads) => $"{ReportFormat.Whole(threads)} thread{(threads == 1 ? "" : "s")} started";

    private static string ThreadSeconds(double ms) => ms >= 10_000 ? ReportFormat.Whole(ms / 1000) : ReportFormat.OneDecimal(ms / 1000);

    private static string Percent(double percent) => percent.ToString(percent < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " %";
}
