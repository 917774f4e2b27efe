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

        Assert.Equal([2_000, 4_000, 8_000, 16_000, 16_000], server.Offered.Take(5));
        Assert.Equal(CapacitySearch.Confirm, result.Steps[4].Phase); // 16,000 failed: tried once more
        var bisection = result.Steps.Skip(5).Where(s => s.Phase != CapacitySearch.Confirm).ToList();
        Assert.All(bisection, s => Assert.Equal(CapacitySearch.Bisect, s.Phase));
        Assert.All(result.Steps.Skip(5), s => Assert.InRange(s.OfferedRate, 8_000, 16_000));
        // From a factor of 2 to 5 %: log2(ln 2 / ln 1.05) rounds up to 4 halvings of the log-ratio.
        Assert.InRange(bisection.Count, 3, 5);
        // Every failed bisection step is followed by its confirmation at the same rate, and only those.
        Assert.All(result.Steps.Select((s, i) => (s, i)).Where(x => x.s.Phase == CapacitySearch.Confirm),
            x => Assert.Equal(result.Steps[x.i - 1].OfferedRate, x.s.OfferedRate));
        Assert.Equal(result.Steps.Count(s => s.Phase != CapacitySearch.Confirm && !s.Sustained), result.Steps.Count(s => s.Phase == CapacitySearch.Confirm));
    }

    [Fact]
    public async Task Steps_down_when_the_first_step_fails()
    {
        var server = new SimulatedServer(700);

        var result = await CapacitySearch.RunAsync(server, Settings, 1, CancellationToken.None);

        Assert.Equal([2_000, 2_000, 1_000, 1_000, 500], server.Offered.Take(5));
        Assert.Equal(CapacitySearch.Descend, result.Steps[2].Phase);
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

    [Fact]
    public async Task A_failure_that_a_second_try_does_not_repeat_does_not_end_the_climb()
    {
        // One stall at 4,000 requests/s, far below the capacity: without the second try the search
        // would bisect between 2,000 and 4,000 and report under 4,000.
        int stalls = 1;
        var server = new SimulatedServer(50_000, rate => rate == 4_000 && stalls-- > 0);

        var result = await CapacitySearch.RunAsync(server, Settings, 1, CancellationToken.None);

        Assert.Equal([2_000, 4_000, 4_000, 8_000], server.Offered.Take(4));
        Assert.False(result.Steps[1].Sustained);
        Assert.True(result.Steps[2].Sustained);
        Assert.InRange(result.MaxSustainedRate!.Value, 50_000 / (1 + Settings.Precision), 50_000);

        var once = await CapacitySearch.RunAsync(new SimulatedServer(50_000, rate => rate == 4_000), Settings with { ConfirmFailures = false }, 1, CancellationToken.None);
        Assert.True(once.MaxSustainedRate < 4_000, $"without confirmation the stall ends the climb (reported {once.MaxSustainedRate})");
    }

    [Fact]
    public void Under_noise_a_search_that_confirms_its_failures_ends_nearer_the_capacity()
    {
        const double capacity = 40_000;
        double Median(bool confirm) => Enumerable.Range(0, 101)
            .Select(seed => CapacitySearch.RunAsync(new SimulatedServer(capacity, Noise(seed)), Settings with { ConfirmFailures = confirm }, 1, CancellationToken.None).GetAwaiter().GetResult().MaxSustainedRate ?? 0)
            .Order().ElementAt(50);

        double without = Median(confirm: false), with = Median(confirm: true);

        Assert.True(with > without, $"median over 101 noisy searches: {with} with confirmation, {without} without");
        Assert.True(with >= capacity / 1.25, $"median {with} with confirmation, capacity {capacity}");
    }

    private static Func<double, bool> Noise(int seed)
    {
        var random = new Random(seed);
        return _ => random.NextDouble() < 0.2;
    }
}
