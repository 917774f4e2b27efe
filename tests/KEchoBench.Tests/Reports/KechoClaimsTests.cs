using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;
using Xunit;
using static KEchoBench.Tests.Reports.CraftedRuns;

namespace KEchoBench.Tests.Reports;

/// <summary>The kecho report's claims judged on crafted sweeps where each claim holds, does not hold, or holds in part.</summary>
public sealed class KechoClaimsTests
{
    private static readonly int[] KechoSweep = [1, 5, 10, 20, 30, 40, 50];

    private static readonly Dictionary<string, double> Slowness = new() { ["thread"] = 3, ["workqueue"] = 2, ["cmwq"] = 1 };

    // Flat-ish up to 20 clients, then steep: the bend the kecho report describes.
    private static double Bent(int clients) => clients <= 20 ? 100 + clients : 120 + (20 * (clients - 20));

    private static ClaimCheck Claim(IReadOnlyList<ClaimCheck> checks, string startsWith) =>
        checks.Single(c => c.Claim.StartsWith(startsWith, StringComparison.Ordinal));

    [Fact]
    public void Every_claim_holds_on_a_sweep_shaped_as_the_report_describes()
    {
        var run = Sweep(KechoSweep, (e, n) => Slowness[e] * Bent(n), cpu: (e, _) => 150 - (40 * Slowness[e]));

        var checks = Claims(run);

        Assert.Equal(5, checks.Count);
        Assert.All(checks, c => Assert.Equal(ClaimVerdict.Holds, c.Verdict));
        Assert.Contains("Holds at 7 of 7 load points judged", Claim(checks, "From Original (thread) to workqueue to cmwq, the average").Evidence);
        Assert.Contains("20 clients: 360 µs → 240 µs → 120 µs", Claim(checks, "From Original (thread) to workqueue to cmwq, the average").Evidence);
        Assert.Contains("20 clients: 30.0 % → 70.0 % → 110.0 %", Claim(checks, "CPU utilisation").Evidence);
        double r = Correlation.Pearson([.. KechoSweep.Select(n => (double)n)], [.. KechoSweep.Select(n => 3 * Bent(n))]);
        Assert.Contains($"thread r = {r:0.00} over 7 client counts (1–50)", Claim(checks, "Response time correlates").Evidence);
    }

    [Fact]
    public void No_claim_holds_where_the_order_is_reversed_growth_is_linear_and_latency_does_not_follow_clients()
    {
        // cmwq slowest and busiest-least; latency a zig-zag that ignores the number of clients.
        double[] zigzag = [200, 100, 150, 120, 110, 160, 130];
        var run = Sweep(KechoSweep, (e, n) => (4 - Slowness[e]) * zigzag[Array.IndexOf(KechoSweep, n)], cpu: (e, _) => 40 * Slowness[e]);
        var linear = Sweep(KechoSweep, (e, n) => Slowness[e] * 10 * n);
        Assert.True(Correlation.Pearson([.. KechoSweep.Select(n => (double)n)], zigzag) < KechoClaims.StrongCorrelation, "the zig-zag must not correlate");

        var checks = Claims(run);

        Assert.Equal(ClaimVerdict.DoesNotHold, Claim(checks, "From Original (thread) to workqueue to cmwq, the average").Verdict);
        Assert.Equal(ClaimVerdict.DoesNotHold, Claim(checks, "From Original to workqueue to cmwq, the worst").Verdict);
        Assert.Equal(ClaimVerdict.DoesNotHold, Claim(checks, "CPU utilisation").Verdict);
        Assert.Equal(ClaimVerdict.DoesNotHold, Claim(checks, "Response time correlates").Verdict);
        Assert.Contains("workqueue above thread", Claim(checks, "From Original (thread) to workqueue to cmwq, the average").Evidence);
        // Linear growth correlates perfectly but has no bend at 20.
        var linearChecks = Claims(linear);
        Assert.Equal(ClaimVerdict.DoesNotHold, Claim(linearChecks, "Response time grows markedly").Verdict);
        Assert.Equal(ClaimVerdict.Holds, Claim(linearChecks, "Response time correlates").Verdict);
    }

    [Fact]
    public void A_claim_that_holds_at_some_load_points_only_holds_partly()
    {
        // The order holds up to 20 clients; past it cmwq becomes the slowest.
        var run = Sweep(KechoSweep, (e, n) => n <= 20 ? Slowness[e] * 100 : (e == "cmwq" ? 900 : Slowness[e] * 100));

        var check = Claim(Claims(run), "From Original (thread) to workqueue to cmwq, the average");

        Assert.Equal(ClaimVerdict.Partly, check.Verdict);
        Assert.Contains("Holds at 4 of 7 load points judged", check.Evidence);
        Assert.Contains("30 clients: 300 µs → 200 µs → 900 µs (workqueue/thread 0.67×, cmwq/workqueue 4.50×; cmwq above workqueue", check.Evidence);
    }

    [Fact]
    public void A_load_point_where_an_engine_failed_is_not_judged_and_says_why()
    {
        var run = Sweep(KechoSweep, (e, n) => Slowness[e] * Bent(n));
        run = run with
        {
            Cases = [.. run.Cases.Select(c => c.Engine == "workqueue" && c.Clients == 50
                ? c with { Overall = c.Overall! with { Errors = 900, Requests = 100 }, ErrorsByKind = new Dictionary<string, long> { ["timeout"] = 900 } }
                : c)],
        };

        var check = Claim(Claims(run), "From Original (thread) to workqueue to cmwq, the average");

        Assert.Equal(ClaimVerdict.Holds, check.Verdict);
        Assert.Contains("Holds at 6 of 6 load points judged", check.Evidence);
        Assert.Contains("50 clients: ", check.Evidence);
        Assert.Contains("not judged (workqueue failed 900 of 1,000 round trips, timeout)", check.Evidence);
    }

    [Fact]
    public void Cpu_is_not_judged_over_rounds_too_short_for_the_clock()
    {
        var run = Sweep([1, 10, 100], (e, n) => Slowness[e] * n, cpu: (e, _) => 150 - (40 * Slowness[e]));
        run = run with { Cases = [.. run.Cases.Select(c => c with { Iterations = [.. c.Iterations.Select(i => i with { Seconds = 0.002 })], Overall = c.Overall! with { Seconds = 0.01 } })] };

        var check = Claim(Claims(run), "CPU utilisation");

        Assert.Equal(ClaimVerdict.NotTested, check.Verdict);
        Assert.Contains("1 client: – → – → –, not judged (no CPU figure for thread, workqueue, cmwq: 5 rounds of 2 ms on average, 10 ms together, shorter than the 223.6 ms the server CPU figure needs over 5 rounds (100 × √5 × the 1 ms step of the CPU clock))", check.Evidence);
    }

    [Fact]
    public void Where_the_cores_were_already_busy_the_cpu_claim_says_so()
    {
        var run = Sweep([1, 10, 100], (e, n) => Slowness[e] * n, cpu: (e, _) => e == "workqueue" ? 100 : 150);
        run = run with { Cases = [.. run.Cases.Select(c => c with { Overall = c.Overall! with { ClientCpuPercent = 45 } })] };

        var check = Claim(Claims(run), "CPU utilisation");

        Assert.Equal(ClaimVerdict.DoesNotHold, check.Verdict);
        Assert.Contains("workqueue below thread: with thread the server and the load generator already used 195 % of 200 %", check.Evidence);
    }

    [Fact]
    public void The_kecho_sweep_is_preferred_and_the_bench_tool_is_a_load_point_of_its_own()
    {
        var clients = Sweep([1, 10, 100], (e, n) => (4 - Slowness[e]) * n); // reversed: would not hold
        var kecho = Sweep(KechoSweep, (e, n) => Slowness[e] * Bent(n), scenario: KechoCases.TelnetScenario, profile: "kecho", sets: [KechoCases.SweepSet]);
        var bench = KechoClaims.Models.Select(e => Case(KechoCases.BenchScenario, e, 1000, Slowness[e] * 1000, Slowness[e] * 5000)).ToList();
        var run = kecho with { Cases = [.. clients.Cases, .. kecho.Cases, .. bench] };

        var check = Claim(Claims(run), "From Original (thread) to workqueue to cmwq, the average");

        Assert.Equal(ClaimVerdict.Holds, check.Verdict);
        Assert.Contains("Holds at 8 of 8 load points judged (kecho-telnet scenario by number of clients, and the bench tool)", check.Evidence);
        Assert.Contains("kecho-bench (1000 at once): 3.00 ms → 2.00 ms → 1.00 ms", check.Evidence);
    }

    [Fact]
    public void A_run_without_a_sweep_has_no_claims_section_but_a_kecho_run_always_has_one()
    {
        var twoCounts = Sweep([1, 100], (e, n) => Slowness[e] * n);
        var emptyKecho = Run("kecho");

        Assert.Empty(Claims(twoCounts));
        var checks = Claims(emptyKecho);
        Assert.Equal(5, checks.Count);
        Assert.All(checks, c => Assert.Equal(ClaimVerdict.NotTested, c.Verdict));
        Assert.NotNull(KechoClaims.Table(checks));
    }

    [Fact]
    public void The_claims_open_the_report_and_the_summary_after_the_verdict()
    {
        string directory = Path.Combine(Path.GetTempPath(), "kechobench-claims-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = Sweep(KechoSweep, (e, n) => Slowness[e] * Bent(n));
            Directory.CreateDirectory(directory);
            var content = ReportWriter.Build(run, directory);

            string summary = MarkdownSummary.Render(content);
            string html = HtmlReport.Render(content);

            int verdict = summary.IndexOf("## Verdict", StringComparison.Ordinal);
            int claims = summary.IndexOf($"## {KechoClaims.Title}", StringComparison.Ordinal);
            int findings = summary.IndexOf("## Findings", StringComparison.Ordinal);
            Assert.True(verdict >= 0 && verdict < claims && claims < findings, "verdict, then claims, then findings");
            Assert.Contains("| Response time grows markedly past about 20 clients. | holds |", summary);
            Assert.Contains($"<table id=\"table-{KechoClaims.Id}\">", html);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
