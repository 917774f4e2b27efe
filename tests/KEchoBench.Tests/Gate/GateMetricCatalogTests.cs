using KEchoBench.Bench.Gate;
using KEchoBench.Bench.Results;
using Xunit;

namespace KEchoBench.Tests.Gate;

/// <summary>The gate's time, p99 and cpu are the figures bench, compare and the report call by those names, computed the catalog's way.</summary>
public sealed class GateMetricCatalogTests
{
    [Fact]
    public void The_gate_names_its_shared_figures_as_the_catalog_does()
    {
        Assert.Equal(Metrics.Time.Name, GateMetric.Time.Name);
        Assert.Equal(Metrics.P99.Name, GateMetric.P99.Name);
        Assert.Equal(Metrics.ServerCpuPerRequest.Name, GateMetric.Cpu.Name);
    }

    [Fact]
    public void Time_and_cpu_come_from_the_closed_round_and_p99_from_the_open_one()
    {
        var closed = new IterationResult
        {
            Requests = 1000, Seconds = 0.5, ServerCpuUsPerRequest = 12.5,
            Latency = new LatencySummary { Count = 1000, P99Us = 9_999 },
        };
        var open = new IterationResult
        {
            Requests = 100, Seconds = 0.1, ServerCpuUsPerRequest = 99,
            Latency = new LatencySummary { Count = 100, P99Us = 850 },
        };

        var values = GateMetric.FromCatalog(closed, open);

        Assert.Equal(500, values[GateMetric.Time.Name], 9);
        Assert.Equal(12.5, values[GateMetric.Cpu.Name]);
        Assert.Equal(850, values[GateMetric.P99.Name]);
    }

    [Fact]
    public void A_figure_a_round_does_not_have_is_not_a_number()
    {
        var empty = new IterationResult { Requests = 0, Seconds = 0.5, Latency = new LatencySummary() };

        var values = GateMetric.FromCatalog(empty, empty);

        Assert.True(double.IsNaN(values[GateMetric.Time.Name]), "no request completed: no time per request");
        Assert.True(double.IsNaN(values[GateMetric.P99.Name]), "no round trip timed: no p99");
        Assert.True(double.IsNaN(values[GateMetric.Cpu.Name]), "no CPU reading: no cpu");
    }
}
