using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;
using KEchoBench.Tests.Results;
using Xunit;

namespace KEchoBench.Tests.Reports;

/// <summary>
/// The report's plots against clients come from the metric catalog: one per entry with a
/// <see cref="SweepPlot"/>, in its order, so that a figure written there with one is drawn in every
/// report without an edit to <see cref="ClientsSweepPlots"/>. Uses <see cref="Metrics.AddForTest"/>,
/// so it runs in the throwaway figures' collection, never beside another test that reads the catalog.
/// </summary>
[Collection(ThrowawayMetricCollection.Name)]
public sealed class SweepPlotCatalogTests
{
    private static readonly RunResult Sweep = CraftedRuns.Run(
        "quick",
        CraftedRuns.Case("clients", "thread", 1, 100, 400),
        CraftedRuns.Case("clients", "thread", 100, 900, 4_000),
        CraftedRuns.Case("clients", "eventloop", 1, 80, 300),
        CraftedRuns.Case("clients", "eventloop", 100, 500, 2_000));

    private static string[] Stems() => [.. ClientsSweepPlots.For(ScenarioData.From(Sweep).Single()).Select(p => p.Stem)];

    [Fact]
    public void The_plots_are_the_catalog_entries_with_a_sweep_plot_in_their_order()
    {
        string[] expected = [.. Metrics.All.Where(m => m.Plot is not null).OrderBy(m => m.Plot!.Order).Select(m => "clients-" + m.Plot!.Stem)];

        Assert.Equal(expected, Stems());
        Assert.Equal(["clients-latency-mean", "clients-latency-p99", "clients-latency-max", "clients-throughput", "clients-cpu-percent", "clients-cpu-per-request"], Stems());
    }

    [Fact]
    public void A_throwaway_figure_with_a_sweep_plot_is_drawn_and_one_without_is_not()
    {
        string[] before = Stems();
        var plotted = new IterationMetric("throwaway", "twice the measured time", "s", false, null, i => i.Seconds * 2)
        {
            Plot = new SweepPlot("throwaway", "throwaway", "twice the time, s", "A test's throwaway figure against clients.", ReportCell.OneDecimal, 25),
        };
        var unplotted = new IterationMetric("throwaway-2", "the measured time", "s", false, null, i => i.Seconds);

        using (Metrics.AddForTest(unplotted))
        {
            Assert.Equal(before, Stems());
        }

        using (Metrics.AddForTest(plotted))
        {
            var plots = ClientsSweepPlots.For(ScenarioData.From(Sweep).Single()).ToList();
            // Order 25: after p99 (20), before the worst latency (30).
            Assert.Equal(["clients-latency-mean", "clients-latency-p99", "clients-throwaway", "clients-latency-max", "clients-throughput", "clients-cpu-percent", "clients-cpu-per-request"],
                plots.Select(p => p.Stem));
            var drawn = plots.Single(p => p.Stem == "clients-throwaway");
            Assert.Equal("clients: throwaway vs clients", drawn.Title);
            Assert.StartsWith("A test's throwaway figure against clients.", drawn.Caption, StringComparison.Ordinal);
        }

        Assert.Equal(before, Stems());
    }
}
