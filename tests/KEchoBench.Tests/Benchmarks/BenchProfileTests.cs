using KEchoBench.Bench.Benchmarks.Profiles;
using KEchoBench.Bench.Benchmarks.Scenarios;
using Xunit;

namespace KEchoBench.Tests.Benchmarks;

public sealed class BenchProfileTests
{
    [Theory]
    [InlineData(0, 1, 20)]
    [InlineData(0, 1000, 20)]
    [InlineData(5000, 1, 5000)]
    [InlineData(5000, 10, 500)]
    [InlineData(5000, 3, 1667)] // rounded up: never fewer requests than asked for
    [InlineData(5000, 1000, 20)] // never fewer per client than RequestsPerClient
    public void Closed_loop_rounds_send_at_least_the_profile_minimum(int minimum, int clients, int perClient)
    {
        var profile = BenchProfiles.Quick with { RequestsPerClient = 20, MinRequestsPerRound = minimum };
        Assert.Equal(perClient, profile.RequestsFor(clients));
        Assert.True(clients * profile.RequestsFor(clients) >= minimum);
    }

    [Fact]
    public void Every_profile_names_only_known_scenarios()
    {
        foreach (var profile in BenchProfiles.All)
        {
            Assert.All(profile.Scenarios ?? ScenarioTypes.Names, name => Assert.NotNull(ScenarioTypes.TypeOf(name)));
        }
    }

    [Fact]
    public void The_ci_gate_measures_every_round_often_enough_for_a_test_to_decide()
    {
        // 20 against 20 rounds: a Mann–Whitney test can reach far below 0.05; 5 against 5 barely can.
        var ci = BenchProfiles.Ci;
        Assert.True(ci.IterationCount >= 10);
        Assert.True(ci.MinRequestsPerRound >= 1000, "rounds of a few milliseconds are timed against scheduler hiccups");
        Assert.Equal(["cpu"], ci.Scenarios);

        // A workqueue with fewer workers than clients times out whatever its code does: nothing to gate on.
        Assert.True(ci.WorkqueueWorkers >= ci.CpuClients.Max());
    }
}
