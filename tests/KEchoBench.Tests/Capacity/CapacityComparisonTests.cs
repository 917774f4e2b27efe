using KEchoBench.Bench.Capacity;
using KEchoBench.Bench.Results;
using Xunit;

namespace KEchoBench.Tests.Capacity;

public class CapacityComparisonTests
{
    private static CapacityResult Run(params double?[] maxima) => new()
    {
        Searches =
        [
            new CapacitySearchResult
            {
                Engine = "eventloop",
                Connections = 100,
                Repetitions = [.. maxima.Select((m, i) => new CapacityRepetition { Index = i + 1, MaxSustainedRate = m })],
                MaxSustainableRate = maxima.Any(m => m is null) ? null : maxima.Order().ElementAt(maxima.Length / 2),
            },
        ],
    };

    [Fact]
    public void A_fall_beyond_the_threshold_with_every_search_below_is_a_regression()
    {
        var verdict = Assert.Single(CapacityComparison.Of(Run(30_000, 31_000, 32_000), Run(25_000, 26_000, 27_000), 5));

        Assert.True(verdict.Regression, verdict.Text);
    }

    [Fact]
    public void Overlapping_searches_are_not_a_regression_however_far_the_median_falls()
    {
        var verdict = Assert.Single(CapacityComparison.Of(Run(20_000, 31_000, 32_000), Run(25_000, 26_000, 40_000), 5));

        Assert.False(verdict.Regression, verdict.Text);
    }

    [Fact]
    public void A_small_fall_is_not_a_regression()
    {
        Assert.False(Assert.Single(CapacityComparison.Of(Run(30_000, 30_100, 30_200), Run(29_500, 29_600, 29_700), 5)).Regression);
    }

    [Fact]
    public void Sustaining_nothing_where_the_base_sustained_a_rate_is_a_regression()
    {
        Assert.True(Assert.Single(CapacityComparison.Of(Run(30_000, 31_000, 32_000), Run(null, 26_000, 27_000), 5)).Regression);
    }
}
