using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;
using Xunit;

namespace KEchoBench.Tests.Reports;

public sealed class SeriesLegendTests
{
    private static CaseResult Case(int clients, long requests, long errors) => new()
    {
        Scenario = "clients",
        Engine = "workqueue",
        Clients = clients,
        Requests = 20,
        Overall = new IterationResult { Requests = requests, Errors = errors, Latency = new LatencySummary { MeanUs = 10, P99Us = 20, MaxUs = 30 } },
    };

    [Fact]
    public void A_series_that_failed_many_round_trips_says_so_in_its_legend()
    {
        var series = new Series("workqueue", "workqueue", [Case(1, 20, 0), Case(100, 200, 490), Case(1000, 200, 4990)]);

        Assert.Equal("workqueue (96 % failed at 1000)", series.LegendLabel);
    }

    [Fact]
    public void A_series_within_the_failure_allowance_keeps_its_plain_label()
    {
        var series = new Series("thread", "thread", [Case(1, 20, 0), Case(1000, 99_126, 46)]);

        Assert.Equal("thread", series.LegendLabel);
    }
}
