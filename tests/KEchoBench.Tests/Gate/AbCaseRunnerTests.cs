using KEchoBench.Bench.Gate;
using Xunit;

namespace KEchoBench.Tests.Gate;

/// <summary>The pair loop on synthetic pairs: when it decides, when it asks for more, and the cap.</summary>
public sealed class AbCaseRunnerTests
{
    private static readonly AbSettings Settings = new()
    {
        Base = new BaseServer("unused", []),
        MinPairs = 12,
        MaxPairs = 36,
        PairsPerRestart = 6,
        Seed = 3,
    };

    [Fact]
    public async Task A_quiet_unchanged_build_is_same_at_the_first_decision()
    {
        var source = new SyntheticPairs(1.0, _ => 0.01, seed: 1);
        var (pairs, restarts, decision) = await AbCaseRunner.RunAsync(source, Settings, new Random(1), null, CancellationToken.None);
        Assert.Equal(GateOutcome.Same, decision.Outcome);
        Assert.Equal(12, pairs.Count);
        Assert.Equal(2, restarts);
    }

    [Fact]
    public async Task A_clear_slowdown_is_slower_at_the_first_decision()
    {
        var source = new SyntheticPairs(1.3, _ => 0.05, seed: 2);
        var (pairs, _, decision) = await AbCaseRunner.RunAsync(source, Settings, new Random(2), null, CancellationToken.None);
        Assert.Equal(GateOutcome.Slower, decision.Outcome);
        Assert.Equal(12, pairs.Count);
        Assert.All(decision.Metrics, m => Assert.Equal(GateOutcome.Slower, m.Outcome));
    }

    [Fact]
    public async Task Undecided_runs_more_pairs_until_it_can_decide()
    {
        // The first two restarts scatter ±60 %, the next ones ±1 %: undecided at 12, decided later.
        var lines = new List<string>();
        var source = new SyntheticPairs(1.0, restart => restart < 2 ? 0.6 : 0.01, seed: 3);
        var (pairs, restarts, decision) = await AbCaseRunner.RunAsync(source, Settings, new Random(3), lines.Add, CancellationToken.None);
        Assert.StartsWith("12 pairs: undecided", lines[0], StringComparison.Ordinal);
        Assert.Equal(GateOutcome.Same, decision.Outcome);
        Assert.InRange(pairs.Count, 18, 36);
        Assert.Equal(pairs.Count / 6, restarts);
        Assert.Equal(Enumerable.Range(0, pairs.Count), pairs.Select(p => p.Index));
    }

    [Fact]
    public async Task Undecided_stops_at_the_cap()
    {
        var source = new SyntheticPairs(1.0, _ => 0.8, seed: 4);
        var (pairs, restarts, decision) = await AbCaseRunner.RunAsync(source, Settings, new Random(4), null, CancellationToken.None);
        Assert.Equal(GateOutcome.Undecided, decision.Outcome);
        Assert.Equal(36, pairs.Count);
        Assert.Equal(6, restarts);
    }

    [Fact]
    public async Task Each_restart_gets_its_drawn_order_and_the_pairs_keep_it()
    {
        var source = new SyntheticPairs(1.0, _ => 0.01, seed: 5);
        var (pairs, _, _) = await AbCaseRunner.RunAsync(source, Settings, new Random(9), null, CancellationToken.None);
        var expected = new Random(9);
        var asked = source.OrdersAsked.SelectMany(o => o).ToArray();
        Assert.Equal(AbOrder.HeadFirst(6, expected).Concat(AbOrder.HeadFirst(6, expected)), asked);
        Assert.Equal(asked, pairs.Select(p => p.HeadFirst));
        Assert.Equal(pairs.Count / 2, pairs.Count(p => p.HeadFirst));
    }

    [Fact]
    public void Steal_jumps_are_flagged_by_pair()
    {
        SideRound Side(double steal) => new(new Dictionary<string, double> { ["time"] = 1 }, steal, 10, 0);
        var pairs = Enumerable.Range(0, 10).Select(i => new RoundPair(i, 0, false, Side(i == 7 ? 0.2 : 0.001), Side(0.001))).ToArray();
        var result = new AbCaseResult("eventloop", 10, 1000, 1, pairs, CaseDecision.Of(pairs, Settings));
        Assert.Equal([7], result.StealFlagged);
        Assert.Equal(9, result.Decision.Metrics.Single(m => m.Metric == "time").Pairs);
    }
}
