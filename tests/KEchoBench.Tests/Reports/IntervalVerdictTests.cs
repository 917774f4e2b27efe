using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;
using Xunit;
using static KEchoBench.Tests.Reports.CraftedRuns;

namespace KEchoBench.Tests.Reports;

/// <summary>
/// The verdict, the claims and the findings on crafted rounds where the answer is known: a clear
/// winner, engines whose rounds overlap (a tie), and a single outlier round that must not decide.
/// </summary>
public sealed class IntervalVerdictTests
{
    /// <summary>A case whose rounds have these mean latencies (and worst round trips 3× them).</summary>
    private static CaseResult Rounds(string scenario, string engine, int clients, params double[] means)
    {
        var template = Case(scenario, engine, clients, meanUs: means.Average(), maxUs: means.Max() * 3, rounds: means.Length, requests: 1000 * means.Length);
        var first = template.Iterations[0];
        return template with
        {
            Iterations = [.. means.Select(m => first with { Latency = first.Latency with { MeanUs = m, P50Us = m, P99Us = m * 2, MaxUs = m * 3 } })],
        };
    }

    private static IReadOnlyList<string> Row(ReportTable table, string measure) => table.Rows.Single(r => r[2].StartsWith(measure, StringComparison.Ordinal));

    private static string Cell(ReportTable table, IReadOnlyList<string> row, string engine) => row[table.Columns.ToList().IndexOf(engine)];

    private static ReportTable Verdict(params CaseResult[] cases) => VerdictTable.From(ScenarioData.From(Run("quick", cases)))!;

    [Fact]
    public void A_clear_winner_is_named_and_the_others_carry_an_interval_above_one()
    {
        var thread = Rounds("blocking", "thread", 50, 100, 104, 98, 101, 99, 103, 97, 102, 100, 105);
        var cmwq = Rounds("blocking", "cmwq", 50, 300, 310, 290, 305, 295, 300, 315, 285, 302, 298);
        var table = Verdict(thread, cmwq);

        var mean = Row(table, "mean latency");
        Assert.StartsWith("thread: 101 µs [", mean[3]);
        Assert.Equal("best", Cell(table, mean, "thread"));
        var ratio = Uncertainty.Ratio(RoundSamples.Of(cmwq, Metrics.Mean), RoundSamples.Of(thread, Metrics.Mean));
        Assert.True(ratio.Low > 2.5 && ratio.High < 3.5, $"interval {ratio.Low}–{ratio.High}");
        Assert.Matches(@"^(2\.9\d|3\.0\d)× \[2\.\d–3\.\d\]$", Cell(table, mean, "cmwq"));
    }

    [Fact]
    public void Engines_whose_rounds_overlap_are_not_distinguishable_and_no_winner_is_named()
    {
        var table = Verdict(
            Rounds("blocking", "thread", 50, 100, 140, 90, 130, 95, 120, 85, 135, 110, 125),
            Rounds("blocking", "cmwq", 50, 105, 135, 95, 125, 100, 115, 90, 140, 108, 130),
            Rounds("blocking", "eventloop", 50, 400, 420, 390, 410, 405, 395, 415, 398, 402, 408));

        var mean = Row(table, "mean latency");
        Assert.StartsWith("not distinguishable: ", mean[3]);
        Assert.Contains("thread", mean[3].Split('(')[0]);
        Assert.Contains("cmwq", mean[3].Split('(')[0]);
        Assert.DoesNotContain("eventloop", mean[3].Split('(')[0]);
        Assert.EndsWith(" tied", Cell(table, mean, "cmwq") == "tied (reference)" ? Cell(table, mean, "thread") : Cell(table, mean, "cmwq"));
        Assert.DoesNotContain("tied", Cell(table, mean, "eventloop"));
    }

    [Fact]
    public void A_steady_difference_inside_the_margin_is_a_tie_and_one_beyond_it_names_a_winner()
    {
        // Rounds so steady that the interval of each ratio is narrow: what decides is the margin.
        double[] Steady(double level) => [.. Enumerable.Range(0, 10).Select(i => level * (1 + ((i % 3) - 1) * 0.005))];
        double inside = 1 + Uncertainty.Margin * 0.6;
        double beyond = 1 + Uncertainty.Margin * 1.6;
        var table = Verdict(
            Rounds("blocking", "thread", 50, Steady(100)),
            Rounds("blocking", "cmwq", 50, Steady(100 * inside)));
        var mean = Row(table, "mean latency");
        Assert.StartsWith("not distinguishable: thread, cmwq", mean[3]);
        var ratio = Uncertainty.Ratio(RoundSamples.Of(Rounds("blocking", "cmwq", 50, Steady(100 * inside)), Metrics.Mean), RoundSamples.Of(Rounds("blocking", "thread", 50, Steady(100)), Metrics.Mean));
        Assert.True(ratio.Low > 1.0, $"the interval {ratio.Low}–{ratio.High} excludes 1: only the margin makes this a tie");

        table = Verdict(
            Rounds("blocking", "thread", 50, Steady(100)),
            Rounds("blocking", "cmwq", 50, Steady(100 * beyond)));
        mean = Row(table, "mean latency");
        Assert.StartsWith("thread: ", mean[3]);
        Assert.DoesNotContain("tied", Cell(table, mean, "cmwq"));
    }

    [Fact]
    public void A_single_outlier_round_does_not_decide_the_worst_latency()
    {
        // thread's rounds are all a little slower, but one cmwq round stalled: its overall max is the
        // worst by far, while the median of the rounds' max still ranks cmwq first.
        var table = Verdict(
            Rounds("blocking", "thread", 50, 200, 204, 198, 201, 199, 203, 197, 202, 200, 205),
            Rounds("blocking", "cmwq", 50, 100, 104, 98, 101, 99, 103, 97, 102, 100, 50_000));

        var worst = Row(table, "worst latency");
        Assert.StartsWith("cmwq: ", worst[3]);
        Assert.Contains("; max 150.0 ms", worst[3]); // the stall is shown beside, not ranked on
        Assert.StartsWith("2.0", Cell(table, worst, "thread"));
    }

    [Fact]
    public void A_claim_step_inside_the_intervals_is_undecided_with_the_reason()
    {
        var run = Run("quick",
        [
            .. new[] { 1, 10, 100 }.SelectMany(n => new[]
            {
                Rounds("clients", "thread", n, [.. new double[] { 100, 140, 90, 130, 95 }.Select(v => v * n)]),
                Rounds("clients", "workqueue", n, [.. new double[] { 105, 135, 95, 125, 100 }.Select(v => v * n)]),
                Rounds("clients", "cmwq", n, [.. new double[] { 30, 31, 29, 32, 30 }.Select(v => v * n)]),
            }),
        ]);

        var check = Claims(run).Single(c => c.Claim.StartsWith("From Original (thread) to workqueue to cmwq, the average", StringComparison.Ordinal));

        Assert.Equal(ClaimVerdict.Undecided, check.Verdict);
        Assert.Equal("undecided", check.VerdictText);
        Assert.Contains("undecided: workqueue and thread not distinguishable", check.Evidence);
        Assert.Contains("Undecided at all 3 load points judged", check.Evidence);
    }

    [Fact]
    public void A_claim_step_between_the_rows_margin_and_the_claims_margin_decides_a_row_but_not_the_claim()
    {
        // Steady rounds: each interval is narrow, so only the margins decide. workqueue is slower than
        // thread by more than a row's margin but less than a claim's; cmwq is far faster than both.
        double[] Steady(double level) => [.. Enumerable.Range(0, 10).Select(i => level * (1 + ((i % 3) - 1) * 0.005))];
        double between = 1 + ((Uncertainty.Margin + Uncertainty.ClaimMargin) / 2);
        double beyond = 1 + (Uncertainty.ClaimMargin * 1.5);
        Assert.True(Uncertainty.ClaimMargin > Uncertainty.Margin, "a claim's step must clear a wider margin than a row");

        RunResult Points(double workqueueOverThread) => Run("quick",
        [
            .. new[] { 1, 10, 100 }.SelectMany(n => new[]
            {
                Rounds("clients", "thread", n, Steady(100 * n)),
                Rounds("clients", "workqueue", n, Steady(100 * n * workqueueOverThread)),
                Rounds("clients", "cmwq", n, Steady(10 * n)),
            }),
        ]);

        var undecided = Claims(Points(between)).Single(c => c.Claim.StartsWith("From Original (thread) to workqueue to cmwq, the average", StringComparison.Ordinal));
        Assert.Equal(ClaimVerdict.Undecided, undecided.Verdict);
        Assert.Contains("undecided: workqueue and thread not distinguishable", undecided.Evidence);
        var row = Row(Verdict(Rounds("blocking", "thread", 50, Steady(100)), Rounds("blocking", "workqueue", 50, Steady(100 * between))), "mean latency");
        Assert.StartsWith("thread: ", row[3]); // the same ratio names a winner in the verdict table

        var decided = Claims(Points(beyond)).Single(c => c.Claim.StartsWith("From Original (thread) to workqueue to cmwq, the average", StringComparison.Ordinal));
        Assert.Equal(ClaimVerdict.DoesNotHold, decided.Verdict);
        Assert.Contains("workqueue above thread", decided.Evidence);
    }

    [Fact]
    public void The_same_run_drawn_twice_gives_the_same_intervals()
    {
        CaseResult[] Cases() =>
        [
            Rounds("blocking", "thread", 50, 100, 140, 90, 130, 95),
            Rounds("blocking", "cmwq", 50, 200, 260, 180, 250, 210),
        ];

        Assert.Equal(Verdict(Cases()).Rows, Verdict(Cases()).Rows);
    }
}
