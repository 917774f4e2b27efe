using CsCheck;
using KEchoBench.Bench.Capacity;
using Xunit;

namespace KEchoBench.Tests.Capacity;

public class CapacitySearchTests
{
    private static readonly CapacitySettings Settings = new();

    [Theory]
    [InlineData(9_000)]
    [InlineData(10_000)]
    [InlineData(37_123)]
    [InlineData(2_000)]
    [InlineData(1_999)]
    public async Task Brackets_the_known_capacity_within_the_precision(double capacity)
    {
        var server = new SimulatedServer(capacity);

        var result = await CapacitySearch.RunAsync(server, Settings, 1, CancellationToken.None);

        Assert.NotNull(result.MaxSustainedRate);
        Assert.NotNull(result.FirstFailedRate);
        Assert.True(result.MaxSustainedRate <= capacity, $"reported {result.MaxSustainedRate} above the capacity {capacity}");
        Assert.True(result.FirstFailedRate > capacity);
        Assert.True(result.FirstFailedRate <= (result.MaxSustainedRate * (1 + Settings.Precision)) + 1, $"{result.MaxSustainedRate}..{result.FirstFailedRate} wider than 5 %");
    }

    [Fact]
    public void Brackets_any_capacity_between_floor_and_ceiling() =>
        Gen.Double[Settings.FloorRate, 500_000].Sample(capacity =>
        {
            var result = CapacitySearch.RunAsync(new SimulatedServer(capacity), Settings, 1, CancellationToken.None).GetAwaiter().GetResult();
            return result.MaxSustainedRate <= capacity && result.FirstFailedRate > capacity
                && result.FirstFailedRate <= (result.MaxSustainedRate * (1 + Settings.Precision)) + 1;
        }, iter: 300);

    [Fact]
    public async Task Grows_geometrically_then_bisects()
    {
        var server = new SimulatedServer(10_000);

        var result = await CapacitySearch.RunAsync(server, Settings, 1, CancellationToken.None);

        Assert.Equal([2_000, 4_000, 8_000, 16_000], server.Offered.Take(4));
        Assert.All(result.Steps.Skip(4), s => Assert.Equal(CapacitySearch.Bisect, s.Phase));
        Assert.All(result.Steps.Skip(4), s => Assert.InRange(s.OfferedRate, 8_000, 16_000));
        // From a factor of 2 to 5 %: log2(ln 2 / ln 1.05) rounds up to 4 halvings of the log-ratio.
        Assert.InRange(result.Steps.Count - 4, 3, 5);
    }

    [Fact]
    public async Task Steps_down_when_the_first_step_fails()
    {
        var server = new SimulatedServer(700);

        var result = await CapacitySearch.RunAsync(server, Settings, 1, CancellationToken.None);

        Assert.Equal([2_000, 1_000, 500], server.Offered.Take(3));
        Assert.Equal(CapacitySearch.Descend, result.Steps[1].Phase);
        Assert.InRange(result.MaxSustainedRate!.Value, 700 / (1 + Settings.Precision), 700);
    }

    [Fact]
    public async Task Reports_nothing_when_even_the_floor_fails()
    {
        var server = new SimulatedServer(100);

        var result = await CapacitySearch.RunAsync(server, Settings, 1, CancellationToken.None);

        Assert.Null(result.MaxSustainedRate);
        Assert.All(result.Steps, s => Assert.False(s.Sustained));
        Assert.True(server.Offered.Min() >= Settings.FloorRate);
    }

    [Fact]
    public async Task Stops_at_the_ceiling_and_says_so()
    {
        var settings = Settings with { CeilingRate = 20_000 };

        var result = await CapacitySearch.RunAsync(new SimulatedServer(1e9), settings, 1, CancellationToken.None);

        Assert.True(result.ReachedCeiling);
        Assert.Equal(20_000, result.MaxSustainedRate);
        Assert.Null(result.FirstFailedRate);
    }

    [Fact]
    public void Never_reports_a_rate_its_own_step_did_not_sustain() =>
        Gen.Select(Gen.Double[1_000, 100_000], Gen.Int[0, 1000]).Sample((capacity, seed) =>
        {
            // Noise: a step fails at random a quarter of the time, whatever its rate.
            var random = new Random(seed);
            var result = CapacitySearch.RunAsync(new SimulatedServer(capacity, _ => random.NextDouble() < 0.25), Settings, 1, CancellationToken.None).GetAwaiter().GetResult();
            return result.MaxSustainedRate is not { } max
                || result.Steps.Any(s => s.Sustained && s.OfferedRate == max) && result.Steps.Where(s => s.Sustained).All(s => s.OfferedRate <= max);
        }, iter: 300);
}
