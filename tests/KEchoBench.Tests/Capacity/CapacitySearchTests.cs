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
    public async Task Grows_geometrically_then_bisects_then_tries_the_bound_again()
    {
        var server = new SimulatedServer(10_000);

        var result = await CapacitySearch.RunAsync(server, Settings, 1, CancellationToken.None);

        Assert.Equal([2_000, 4_000, 8_000, 16_000], server.Offered.Take(4));
        Assert.False(result.Steps[3].Sustained);
        var bisection = result.Steps.Skip(4).SkipLast(1).ToList();
        Assert.All(bisection, s => Assert.Equal(CapacitySearch.Bisect, s.Phase));
        Assert.All(bisection, s => Assert.InRange(s.OfferedRate, 8_000, 16_000));
        // From a factor of 2 to 5 %: log2(ln 2 / ln 1.05) rounds up to 4 halvings of the log-ratio.
        Assert.InRange(bisection.Count, 3, 5);
        // Only the bound the search ended under is tried twice, and its second try comes last.
        var last = result.Steps[^1];
        Assert.Equal(CapacitySearch.Confirm, last.Phase);
        Assert.Equal(result.FirstFailedRate, last.OfferedRate);
        Assert.Equal(1, result.Steps.Count(s => s.Phase == CapacitySearch.Confirm));
        Assert.Equal(2, result.Steps.Count(s => s.OfferedRate == result.FirstFailedRate));
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
            var result = CapacitySearch.RunAsync(new SimulatedServer(capacity, _ => random.NextDouble() < 0.04), Settings, 1, CancellationToken.None).GetAwaiter().GetResult();
            return result.MaxSustainedRate is not { } max
                || result.Steps.Any(s => s.Sustained && s.OfferedRate == max) && result.Steps.Where(s => s.Sustained).All(s => s.OfferedRate <= max);
        }, iter: 300);

    [Fact]
    public async Task A_failure_that_a_second_try_does_not_repeat_does_not_end_the_climb()
    {
        // One stall at 4,000 requests/s, far below the capacity: without the second try the search
        // would bisect between 2,000 and 4,000 and report under 4,000. With it, the bisection below
        // 4,000 is followed by a second try of 4,000, which holds, and the climb goes on.
        int stalls = 1;
        var server = new SimulatedServer(50_000, rate => rate == 4_000 && stalls-- > 0);

        var result = await CapacitySearch.RunAsync(server, Settings, 1, CancellationToken.None);

        Assert.Equal([2_000, 4_000], server.Offered.Take(2));
        Assert.False(result.Steps[1].Sustained);
        var second = result.Steps.Single(s => s.Phase == CapacitySearch.Confirm && s.OfferedRate == 4_000);
        Assert.True(second.Sustained);
        Assert.Contains(result.Steps, s => s.Phase == CapacitySearch.Ascend && s.OfferedRate == 8_000);
        Assert.InRange(result.MaxSustainedRate!.Value, 50_000 / (1 + Settings.Precision), 50_000);

        var once = await CapacitySearch.RunAsync(new SimulatedServer(50_000, rate => rate == 4_000), Settings with { ConfirmFailures = false }, 1, CancellationToken.None);
        Assert.True(once.MaxSustainedRate < 4_000, $"without confirmation the stall ends the climb (reported {once.MaxSustainedRate})");
    }

    [Fact]
    public async Task A_failure_is_final_only_after_two_tries()
    {
        // The bound every search ends under was tried twice and failed twice; no other rate is tried twice.
        foreach (double capacity in new[] { 700.0, 9_000, 37_123, 150_000 })
        {
            var result = await CapacitySearch.RunAsync(new SimulatedServer(capacity), Settings, 1, CancellationToken.None);

            var bound = result.Steps.Where(s => s.OfferedRate == result.FirstFailedRate).ToList();
            Assert.Equal(2, bound.Count);
            Assert.All(bound, s => Assert.False(s.Sustained));
            Assert.All(result.Steps.GroupBy(s => s.OfferedRate).Where(g => g.Key != result.FirstFailedRate), g => Assert.Single(g));
        }
    }

    [Fact]
    public void In_slow_spells_of_the_machine_a_late_second_try_ends_nearer_the_capacity_than_one_at_once()
    {
        // The shared machine has slow spells lasting several steps, in which every step fails
        // whatever its rate. A second try at once falls in the same spell as the first; one after the
        // bisection below it, several steps later, mostly does not.
        const double capacity = 150_000;
        (double[] Found, double Steps) Search(Func<int, SimulatedServer> server, bool late)
        {
            var servers = Enumerable.Range(0, 101).Select(server).ToList();
            double[] found = [.. servers.Select(s => CapacitySearch.RunAsync(late ? s : new ImmediateRetry(s), late ? Settings : Settings with { ConfirmFailures = false }, 1, CancellationToken.None)
                .GetAwaiter().GetResult().MaxSustainedRate ?? 0)];
            return (found, servers.Average(s => s.Offered.Count));
        }

        var (late, lateSteps) = Search(seed => new SimulatedServer(capacity, Spells(seed)), late: true);
        var (atOnce, atOnceSteps) = Search(seed => new SimulatedServer(capacity, Spells(seed)), late: false);
        double Missed(double[] found) => found.Count(f => f < capacity / 1.25) / (double)found.Length;

        Assert.True(Missed(late) < Missed(atOnce) / 2, $"searches ending more than 25 % under the capacity: {Missed(late):P0} with the late second try, {Missed(atOnce):P0} with one at once");
        Assert.All(late, f => Assert.True(f <= capacity));
        Assert.True(late.Order().ElementAt(50) >= capacity / 1.1, $"median {late.Order().ElementAt(50)}");
        // At about the same cost: the climb back up after a spell adds steps, and a failure far above
        // the capacity is no longer tried twice.
        Assert.True(lateSteps <= 1.1 * atOnceSteps, $"steps per search: {lateSteps:F1} with the late second try, {atOnceSteps:F1} with one at once");
    }

    /// <summary>Slow spells: each step outside one starts one with probability 0.04, and it lasts 4 steps.</summary>
    private static Func<double, bool> Spells(int seed)
    {
        var random = new Random(seed);
        int left = 0;
        return _ =>
        {
            if (left == 0 && random.NextDouble() < 0.04)
            {
                left = 4;
            }

            return left > 0 && left-- > 0;
        };
    }

    /// <summary>
    /// The old way, for comparison (with <see cref="CapacitySettings.ConfirmFailures"/> off): every
    /// failed step tried again at once, the search seeing the second try.
    /// </summary>
    private sealed class ImmediateRetry(SimulatedServer server) : ICapacityStepRunner
    {
        public async Task<KEchoBench.Bench.Results.CapacityStep> RunStepAsync(double offeredRate, string phase, CancellationToken cancellation)
        {
            var first = await server.RunStepAsync(offeredRate, phase, cancellation);
            return first.Latency.P99Us < 10_000 ? first : await server.RunStepAsync(offeredRate, phase, cancellation);
        }
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
