using KEchoBench.Bench.Gate;
using Xunit;

namespace KEchoBench.Tests.Gate;

public sealed class CaseDecisionTests
{
    private static readonly AbSettings Settings = new() { Base = new BaseServer("unused", []), Seed = 1 };

    [Fact]
    public void Each_metric_is_held_to_its_own_margin()
    {
        // 8 % slower on every metric, tightly: beyond the 5 % margin of time and CPU, within the
        // 10 % of p99 and the 20 % of involuntary switches.
        var ratios = PairedDecisionTests.Ratios(1.08, 0.005, 20, seed: 2);
        var pairs = ratios.Select((r, i) => new RoundPair(i, i / 6, i % 2 == 0, Side(10), Side(10 * r))).ToArray();
        var decision = CaseDecision.Of(pairs, Settings);
        var outcome = decision.Metrics.ToDictionary(m => m.Metric, m => m.Outcome);
        Assert.Equal(GateOutcome.Slower, outcome["time"]);
        Assert.Equal(GateOutcome.Slower, outcome["cpu"]);
        Assert.Equal(GateOutcome.Same, outcome["p99"]);
        Assert.Equal(GateOutcome.Same, outcome["ivcsw"]);
        Assert.Equal(GateOutcome.Slower, decision.Outcome);
        Assert.Equal(0.10, decision.Metrics.Single(m => m.Metric == "p99").Margin, 12);
    }

    [Fact]
    public void A_metric_the_base_cannot_report_is_left_out_and_does_not_keep_the_case_undecided()
    {
        // The base is an older build without allocation reports: no pair has "alloc" on both sides.
        var ratios = PairedDecisionTests.Ratios(1.00, 0.002, 20, seed: 3);
        var pairs = ratios.Select((r, i) => new RoundPair(i, i / 6, i % 2 == 0, Side(10, allocations: false), Side(10 * r))).ToArray();
        var decision = CaseDecision.Of(pairs, Settings);
        Assert.DoesNotContain(decision.Metrics, m => m.Metric == "alloc");
        Assert.Equal(GateOutcome.Same, decision.Outcome);

        // Both report: it is decided like the others, and a head that allocates where the base did not is slower.
        var allocating = ratios.Select((r, i) => new RoundPair(i, i / 6, i % 2 == 0, Side(10, alloc: 0), Side(10 * r, alloc: 48))).ToArray();
        var alloc = CaseDecision.Of(allocating, Settings).Metrics.Single(m => m.Metric == "alloc");
        Assert.Equal(GateOutcome.Slower, alloc.Outcome);
        Assert.Equal(49, alloc.MedianRatio, 6);
    }

    [Fact]
    public void A_run_is_slower_if_one_case_is_and_undecided_before_same()
    {
        MetricDecision Metric(GateOutcome outcome) => new("time", 18, 1, 1, 1, 0.5, 0.05, outcome);
        AbCaseResult Case(GateOutcome outcome) => new("eventloop", 10, 1000, 3, [], new CaseDecision([Metric(GateOutcome.Same), Metric(outcome)]));
        Assert.Equal(GateOutcome.Slower, new AbRunResult(1, "b", "none", "p", [Case(GateOutcome.Same), Case(GateOutcome.Slower), Case(GateOutcome.Undecided)]).Outcome);
        Assert.Equal(GateOutcome.Undecided, new AbRunResult(1, "b", "none", "p", [Case(GateOutcome.Same), Case(GateOutcome.Undecided)]).Outcome);
        Assert.Equal(GateOutcome.Same, new AbRunResult(1, "b", "none", "p", [Case(GateOutcome.Same)]).Outcome);
    }

    /// <summary>
    /// Run-queue wait per request of the thread engine in a same-build ab run (2026-12-06 22:23, 18
    /// pairs, base then head): near zero on both sides, with bursts. Without a floor the ratios of
    /// those near-zeros (0.0003 against 0.15) called the head 446× slower.
    /// </summary>
    private static readonly (double Base, double Head)[] SameBuildRunQueue =
    [
        (0.0038, 0.1556), (0.0003, 0.1531), (0.0004, 0.2099), (0, 11.9159), (0.003, 5.6849), (7.3932, 48.6481),
        (0, 0), (0.0006, 0), (0, 0.0003), (0, 0.063), (0, 3.487), (0, 7.6083),
        (0, 0.0008), (0.0008, 0), (0.0003, 0), (0.0003, 11.9112), (0.008, 3.5539), (3.6029, 39.6841),
    ];

    [Fact]
    public void Run_queue_waits_of_a_microsecond_or_less_do_not_make_a_build_slower_than_itself()
    {
        var pairs = SameBuildRunQueue.Select((w, i) => new RoundPair(i, i / 6, i % 2 == 0, Side(10, runq: w.Base), Side(10, runq: w.Head))).ToArray();

        var runq = CaseDecision.Of(pairs, Settings).Metrics.Single(m => m.Metric == "runq");

        Assert.NotEqual(GateOutcome.Slower, runq.Outcome);
        Assert.True(runq.MedianRatio < 1 + runq.Margin, $"median ratio {runq.MedianRatio}");
    }

    [Fact]
    public void A_head_whose_requests_wait_tens_of_microseconds_for_a_cpu_is_slower_in_run_queue_wait()
    {
        // The same bases; every head request waits 20 µs more for a CPU (a server that keeps more threads runnable than cores).
        var pairs = SameBuildRunQueue.Select((w, i) => new RoundPair(i, i / 6, i % 2 == 0, Side(10, runq: w.Base), Side(10, runq: w.Base + 20))).ToArray();

        Assert.Equal(GateOutcome.Slower, CaseDecision.Of(pairs, Settings).Metrics.Single(m => m.Metric == "runq").Outcome);
    }

    private static SideRound Side(double value, bool allocations = true, double? alloc = null, double? runq = null) =>
        new(GateMetric.All.Where(m => allocations || m != GateMetric.Allocated).ToDictionary(
            m => m.Name,
            m => m == GateMetric.Allocated && alloc is { } a ? a : m == GateMetric.RunQueueWait && runq is { } w ? w : value), 0, 1000, 0);
}
