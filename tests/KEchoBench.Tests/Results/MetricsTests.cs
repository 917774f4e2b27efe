using KEchoBench.Bench.Benchmarks.Columns;
using KEchoBench.Bench.Comparison;
using KEchoBench.Bench.Results;
using Xunit;

namespace KEchoBench.Tests.Results;

/// <summary>bench's columns and compare's metrics are the one catalog's figures, named, measured and judged alike.</summary>
public sealed class MetricsTests
{
    private static readonly IterationResult Iteration = new()
    {
        Requests = 400,
        Seconds = 0.5,
        RequestsPerSecond = 800,
        Latency = new LatencySummary { Count = 400, MeanUs = 120, P50Us = 100, P99Us = 900, P999Us = 1500, MaxUs = 2000 },
        ServerCpuPercent = 40,
        ServerCpuUsPerRequest = 5,
        ClientCpuPercent = 30,
        ServerThreads = 6,
        ServerRssBytes = 32 << 20,
    };

    [Fact]
    public void Bench_columns_are_the_catalogs_in_its_order()
    {
        Assert.Equal(Metrics.Columns.Select(m => m.Column!.Id), LoadMetrics.All.Select(c => c.Id));
        Assert.Equal(Metrics.Columns.Select(m => m.HigherIsBetter), LoadMetrics.All.Select(c => c.TheGreaterTheBetter));
        Assert.Equal(Metrics.Columns.Select(m => m.Unit), LoadMetrics.All.Select(c => c.Unit));
        Assert.Equal(Metrics.Columns.Select(m => m.ValueOf(Iteration)), LoadMetrics.All.Select(c => c.ValueOf(Iteration)));
        Assert.Equal(Enumerable.Range(0, Metrics.Columns.Count), LoadMetrics.All.Select(c => c.PriorityInCategory));
    }

    [Fact]
    public void Compare_tests_catalog_figures_by_their_names()
    {
        Assert.Equal(Metrics.All.Count, Metrics.All.Select(m => m.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var metric in ComparisonMetric.All)
        {
            var figure = Metrics.All.Single(m => m.Name == metric.Name);
            Assert.Equal(figure.Unit, metric.Unit);
            Assert.Equal(figure.HigherIsBetter, metric.HigherIsBetter);
            Assert.Equal(figure.ValueOf(Iteration), metric.Extract(Iteration));
        }

        // The same figure through bench's column and compare's metric.
        Assert.Equal(LoadMetrics.All.Single(c => c.Id == Metrics.P99.Column!.Id).ValueOf(Iteration), ComparisonMetric.P99.Extract(Iteration));
        Assert.Equal(Metrics.All.Where(m => m.HigherIsBetter), [Metrics.RequestsPerSecond]);
    }

    /// <summary>compare's list, which its --metric help and its error for an unknown name print, is the one it has always offered, in that order.</summary>
    [Fact]
    public void Compare_offers_the_figures_it_always_has_in_their_order()
    {
        Assert.Equal(
            ["time", "mean", "p99", "max", "cpu", "rps", .. AttributionMetrics.All.Select(m => m.Name), .. RuntimeMetrics.All.Select(m => m.Name)],
            ComparisonMetric.Names);
    }
}
