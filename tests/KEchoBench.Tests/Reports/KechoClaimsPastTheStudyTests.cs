using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;
using KEchoBench.Servers.Engines;
using Xunit;
using static KEchoBench.Tests.Reports.CraftedRuns;

namespace KEchoBench.Tests.Reports;

/// <summary>
/// The order claims show the steps past the study (cmwq → eventloop → uring) where a run measured
/// those engines, each with its ratio and interval, and leave the study's verdict as it was.
/// </summary>
public sealed class KechoClaimsPastTheStudyTests
{
    private static readonly int[] Clients = [1, 10, 100];

    private static readonly Dictionary<string, double> Slowness = new() { ["thread"] = 3, ["workqueue"] = 2, ["cmwq"] = 1 };

    // Round-to-round spread, so the engines past the study have intervals to show.
    private static readonly double[] Spread = [0.96, 0.98, 1, 1.02, 1.04];

    private static readonly string[] OrderClaims = ["From Original (thread) to workqueue to cmwq, the average", "From Original to workqueue to cmwq, the worst", "CPU utilisation"];

    private static ClaimCheck Claim(IReadOnlyList<ClaimCheck> checks, string startsWith) =>
        checks.Single(c => c.Claim.StartsWith(startsWith, StringComparison.Ordinal));

    /// <summary>The study's three models in the order the claim holds for (latency falls, CPU rises).</summary>
    private static RunResult StudyRun() =>
        Sweep(Clients, (e, n) => Slowness[e] * 100 * n, cpu: (e, _) => 150 - (40 * Slowness[e]));

    /// <summary>The run with the engines past the study added: each at the given share of cmwq's mean, worst and CPU.</summary>
    private static RunResult WithPastTheStudy(RunResult run, IReadOnlyList<double> shareOfCmwq)
    {
        var extra = KechoClaims.BeyondStudy.Select((engine, k) => (engine, share: shareOfCmwq[k]))
            .SelectMany(e => Clients.Select(n => Spread5(Case("clients", e.engine, n, e.share * 100 * n, e.share * 500 * n, e.share * 110))));
        return run with { Cases = [.. run.Cases, .. extra] };
    }

    private static CaseResult Spread5(CaseResult c) => c with
    {
        Iterations = [.. c.Iterations.Select((i, r) => i with
        {
            Latency = i.Latency with { MeanUs = i.Latency.MeanUs * Spread[r], MaxUs = i.Latency.MaxUs * Spread[r] },
            ServerCpuPercent = i.ServerCpuPercent * Spread[r],
        })],
    };

    [Fact]
    public void The_steps_past_the_study_are_the_registered_engines_after_the_study_in_registry_order()
    {
        Assert.Equal(EngineRegistry.Names.Except(KechoClaims.Models), KechoClaims.BeyondStudy);
        Assert.Equal(EngineRegistry.Names.Take(KechoClaims.Models.Count + KechoClaims.BeyondStudy.Count), [.. KechoClaims.Models, .. KechoClaims.BeyondStudy]);
        Assert.NotEmpty(KechoClaims.BeyondStudy);
    }

    [Fact]
    public void A_run_with_every_engine_shows_each_step_past_the_study_with_its_interval()
    {
        var run = WithPastTheStudy(StudyRun(), [0.5, 0.4]);
        string first = KechoClaims.BeyondStudy[0], second = KechoClaims.BeyondStudy[1];

        var mean = Claim(Claims(run), OrderClaims[0]);

        Assert.Equal(ClaimVerdict.Holds, mean.Verdict);
        Assert.Contains("the verdict is about the kecho report's three models only", mean.Evidence);
        Assert.Contains($"10 clients: 3.00 ms → 2.00 ms → 1.00 ms (workqueue/thread 0.67×, cmwq/workqueue 0.50×), past the study (not in the verdict): cmwq 1.00 ms, {first} 500 µs, {second} 400 µs ({first}/cmwq 0.50× [", mean.Evidence);
        Assert.Contains($"{second}/{first} 0.80× [", mean.Evidence);
        Assert.Equal(Clients.Length, CountOf(mean.Evidence, "past the study (not in the verdict)"));
        Assert.Contains($"past the study (not in the verdict): cmwq 110.0 %, {first} 55.0 %, {second} 44.0 % ({first}/cmwq 0.50× [", Claim(Claims(run), OrderClaims[2]).Evidence);
    }

    [Fact]
    public void A_run_with_only_the_studys_engines_shows_no_step_past_it()
    {
        var checks = Claims(StudyRun());

        Assert.All(checks, c => Assert.DoesNotContain("past the study", c.Evidence, StringComparison.Ordinal));
        Assert.All(checks, c => Assert.DoesNotContain("the verdict is about", c.Evidence, StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_engines_the_run_measured_past_the_study_are_shown()
    {
        var run = WithPastTheStudy(StudyRun(), [0.5, 0.4]);
        run = run with { Cases = [.. run.Cases.Where(c => c.Engine != KechoClaims.BeyondStudy[0])] };
        string second = KechoClaims.BeyondStudy[1];

        var mean = Claim(Claims(run), OrderClaims[0]);

        Assert.Contains($"past the study (not in the verdict): cmwq 1.00 ms, {second} 400 µs ({second}/cmwq 0.40× [", mean.Evidence);
        Assert.DoesNotContain(KechoClaims.BeyondStudy[0], mean.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void The_engines_past_the_study_do_not_change_the_verdict()
    {
        // Past the study the order runs the wrong way (eventloop slower and less busy than cmwq) and then the right way.
        var holds = StudyRun();
        var reversed = Sweep(Clients, (e, n) => (4 - Slowness[e]) * 100 * n, cpu: (e, _) => 40 * Slowness[e]);

        foreach (var study in new[] { holds, reversed })
        {
            var without = Claims(study);
            var wrongWay = Claims(WithPastTheStudy(study, [3, 0.5]));
            var rightWay = Claims(WithPastTheStudy(study, [0.5, 0.4]));

            Assert.Equal(without.Select(c => c.Verdict), wrongWay.Select(c => c.Verdict));
            Assert.Equal(without.Select(c => c.Verdict), rightWay.Select(c => c.Verdict));
            Assert.All(OrderClaims, claim => Assert.Contains("past the study", Claim(wrongWay, claim).Evidence, StringComparison.Ordinal));
        }

        Assert.Equal(ClaimVerdict.Holds, Claim(Claims(WithPastTheStudy(holds, [3, 0.5])), OrderClaims[0]).Verdict);
        Assert.Equal(ClaimVerdict.DoesNotHold, Claim(Claims(WithPastTheStudy(reversed, [0.5, 0.4])), OrderClaims[0]).Verdict);
    }

    [Fact]
    public void An_engine_past_the_study_that_failed_is_left_out_and_says_why()
    {
        var run = WithPastTheStudy(StudyRun(), [0.5, 0.4]);
        string first = KechoClaims.BeyondStudy[0], second = KechoClaims.BeyondStudy[1];
        run = run with
        {
            Cases = [.. run.Cases.Select(c => c.Engine == second && c.Clients == 100
                ? c with { Overall = c.Overall! with { Errors = 900, Requests = 100 }, ErrorsByKind = new Dictionary<string, long> { ["timeout"] = 900 } }
                : c)],
        };

        var mean = Claim(Claims(run), OrderClaims[0]);

        Assert.Equal(ClaimVerdict.Holds, mean.Verdict);
        Assert.Contains($"100 clients: 30.0 ms → 20.0 ms → 10.0 ms (workqueue/thread 0.67×, cmwq/workqueue 0.50×), past the study (not in the verdict): cmwq 10.0 ms, {first} 5.00 ms ({first}/cmwq 0.50× [", mean.Evidence);
        Assert.Contains($"; left out: {second} failed 900 of 1,000 round trips, timeout", mean.Evidence);
    }

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
