using KEchoBench.Bench.Capacity;
using KEchoBench.Bench.Results;
using ScottPlot;

namespace KEchoBench.Bench.Reports;

/// <summary>The clients sweep's throughput per engine (points) with its fitted Universal Scalability Law curve (line); log clients axis.</summary>
internal static class ScalabilityPlot
{
    public const string Stem = "scalability-usl";

    public static IEnumerable<ReportPlot> For(CapacityResult capacity)
    {
        var fits = capacity.Fits.Where(f => f.Points.Count > 0).ToList();
        if (fits.Count == 0)
        {
            yield break;
        }

        var engines = EngineStyle.Order(fits.Select(f => f.Engine));
        var plot = PlotStyle.New("throughput vs clients, with the USL fit", "clients", "requests per second");
        double maxClients = fits.Max(f => f.Points.Max(p => p.Clients));
        foreach (var fit in fits.OrderBy(f => engines.ToList().IndexOf(f.Engine)))
        {
            var color = EngineStyle.ColorOf(fit.Engine, engines);
            var points = plot.Add.ScatterPoints(PlotStyle.Log(fit.Points.Select(p => (double)p.Clients)), [.. fit.Points.Select(p => p.RequestsPerSecond)]);
            points.Color = color;
            points.MarkerSize = 7;
            points.LegendText = fit.Engine;
            if (fit.Note is null)
            {
                double[] ns = [.. Enumerable.Range(0, 101).Select(i => Math.Pow(10, i * Math.Log10(maxClients) / 100))];
                var curve = plot.Add.ScatterLine(PlotStyle.Log(ns), [.. ns.Select(n => UslModel.Throughput(n, fit.Lambda, fit.Sigma, fit.Kappa))]);
                curve.Color = color;
                curve.LineWidth = 2;
                curve.LegendText = $"{fit.Engine} fit (σ {fit.Sigma:0.###}, κ {fit.Kappa:0.#####})";
            }
        }

        PlotStyle.LogTicks(plot.Axes.Bottom, PlotStyle.CountTick);
        PlotStyle.LinearTicks(plot.Axes.Left, PlotStyle.CountTick);
        plot.Axes.SetLimitsY(0, fits.Max(f => f.Points.Max(p => p.RequestsPerSecond)) * 1.1);
        plot.ShowLegend(Edge.Right);
        yield return new ReportPlot(Stem, plot.Axes.Title.Label.Text,
            "Points: the clients scenario's measured throughput per engine; lines: the Universal Scalability Law fitted to them. The clients axis is logarithmic.",
            plot);
    }
}
