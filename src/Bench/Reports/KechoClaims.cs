using KEchoBench.Bench.Formatting;
using System.Globalization;
using KEchoBench.Bench.Results;
using KEchoBench.Bench.Statistics;
using KEchoBench.Servers.Engines;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// The kecho report's findings, checked against a run: from Original (the <c>thread</c> engine) to
/// <c>workqueue</c> to <c>cmwq</c> average and worst response time fall and CPU utilisation rises;
/// response time grows markedly past about 20 clients and correlates with the number of clients.
/// Judged on a clients sweep, and for the kecho profile on its bench tool too; each verdict carries
/// the numbers behind it and, where the data can tell, why a claim does not hold. The order claims
/// also show the steps past the study (cmwq → the engines registered after it) where the run has
/// them, with their ratios and intervals, outside the verdict.
/// </summary>
internal static class KechoClaims
{
    public const string Id = "kecho-claims";

    public const string Title = "The kecho report's claims, re-measured";

    /// <summary>The report's three models in its order: Original, Workqueue, CMWQ.</summary>
    public static readonly IReadOnlyList<string> Models = [.. EngineRegistry.All.Where(d => d.InKechoStudy).Select(d => d.Name)];

    /// <summary>
    /// The engines registered after the study's, in registry order (eventloop, then uring): the steps the
    /// order claims show past cmwq, with their ratios, outside the verdict (the claims are the report's, about its models).
    /// </summary>
    public static IReadOnlyList<string> BeyondStudy
    {
        get
        {
            var all = EngineRegistry.All;
            int last = all.Select((d, i) => d.InKechoStudy ? i : -1).Max();
            return [.. all.Skip(last + 1).Select(d => d.Name)];
        }
    }

    /// <summary>"Past about 20 clients".</summary>
    public const int Knee = 20;

    /// <summary>"Markedly": past the knee, mean latency grows per added client at least this many times faster than before it...</summary>
    public const double MarkedGrowth = 2;

    /// <summary>...and the largest client count's mean is at least this many times the knee's (a bend in noise is not growth).</summary>
    public const double MarkedRise = 1.5;

    /// <summary>A correlation of at least this (Pearson's r, clients against mean latency) counts as "correlates".</summary>
    public const double StrongCorrelation = 0.7;

    /// <summary>Sweeps of fewer client counts than this are not read as "against load".</summary>
    public const int MinSweepPoints = 3;

    /// <summary>A load point: the study's three cases in order, and the cases of the engines beyond the study (null where not measured).</summary>
    private sealed record LoadPoint(string Where, int Clients, IReadOnlyList<CaseResult?> Cases, IReadOnlyList<CaseResult?> Beyond);

    /// <summary>The checks of a run: empty when it has neither a sweep to judge them on nor is a kecho run.</summary>
    public static IReadOnlyList<ClaimCheck> From(RunResult run, IReadOnlyList<ScenarioData> scenarios)
    {
        var sweep = SweepOf(scenarios);
        var bench = scenarios.FirstOrDefault(s => s.Name == ScenarioCatalog.KechoBench && s.Measured.Count > 0);
        if (sweep is null && bench is null && run.Profile != ScenarioCatalog.KechoProfile)
        {
            return [];
        }

        var beyond = BeyondStudy;
        var points = new List<LoadPoint>();
        if (bench is not null)
        {
            int clients = bench.ClientCounts[^1];
            points.Add(new LoadPoint($"{bench.Name} ({clients} at once)", clients, [.. Models.Select(m => bench.At(m, clients))], [.. beyond.Select(m => bench.At(m, clients))]));
        }

        if (sweep is not null)
        {
            points.AddRange(sweep.ClientCounts.Select(n => new LoadPoint($"{n} client{(n == 1 ? "" : "s")}", n, [.. Models.Select(m => sweep.At(m, n))], [.. beyond.Select(m => sweep.At(m, n))])));
        }

        int cores = Math.Max(run.Environment.Cores, 1);
        return
        [
            Ordered("From Original (thread) to workqueue to cmwq, the average response time falls.", points, sweep,
                Metrics.Mean, falls: true, LatencyText.Of, cores),
            Ordered("From Original to workqueue to cmwq, the worst response time falls.", points, sweep,
                Metrics.Max, falls: true, LatencyText.Of, cores),
            Ordered("CPU utilisation rises along the same order.", points, sweep,
                Metrics.ServerCpuPercent, falls: false, v => double.IsFinite(v) ? $"{ReportFormat.OneDecimal(v)} %" : "–", cores),
            GrowsPastKnee(sweep),
            Correlates(sweep),
        ];
    }

    /// <summary>The claims as a report table, or null when there are none.</summary>
    public static ReportTable? Table(IReadOnlyList<ClaimCheck> checks) =>
        checks.Count == 0 ? null
        : new ReportTable(Id, Title, ["claim", "verdict", "the numbers"],
            [.. checks.Select(c => (IReadOnlyList<string>)[c.Claim, c.VerdictText, c.Evidence])],
            [$"Engines in the report's order: thread (Original) → workqueue → cmwq. A load point where one of them failed more than "
                + $"{ReportFindings.MaxFailedShareToRank * 100:0} % of its round trips, or whose CPU the clock cannot resolve, is not judged. "
                + $"Each step is the ratio of two medians over the rounds with its {Uncertainty.Confidence * 100:0} % bootstrap interval; a load point is decided only where every step's interval "
                + $"stays more than {Uncertainty.ClaimMargin * 100:0} % from 1× or one step's lies that far on the wrong side, and is undecided otherwise; the verdict counts the decided points "
                + $"(the verdict table's rows use {Uncertainty.Margin * 100:0} %: a claim rests on up to six steps, and a rerun that moves any one of them changes it). "
                + $"\"Markedly\" past {Knee} clients: mean latency grows per added client at least {MarkedGrowth:0}× as fast as up to {Knee}, "
                + $"and by at least {MarkedRise.ToString("0.0", CultureInfo.InvariantCulture)}× from there to the most clients; "
                + $"\"correlates\": Pearson's r of clients against mean latency of at least {StrongCorrelation.ToString("0.0", CultureInfo.InvariantCulture)}."
                + BeyondNote()]);

    /// <summary>The sweep the claims are judged on: the kecho profile's when present, else the clients scenario's, if it has enough client counts.</summary>
    public static ScenarioData? SweepOf(IReadOnlyList<ScenarioData> scenarios) =>
        new[] { ScenarioCatalog.KechoTelnet, ScenarioCatalog.Clients }
            .Select(name => scenarios.FirstOrDefault(s => s.Name == name))
            .FirstOrDefault(s => s is not null && s.ClientCounts.Count >= MinSweepPoints);

    private static ClaimCheck Ordered(string claim, IReadOnlyList<LoadPoint> points, ScenarioData? sweep,
        IterationMetric metric, bool falls, Func<double, string> format, int cores)
    {
        var judgements = points.Select(p => Judge(p, metric, falls, format, cores)).ToList();
        int decided = judgements.Count(j => j.Decided);
        int undecided = judgements.Count(j => j.Undecided is not null);
        string tally = points.Count == 0 ? "The run has no clients sweep and no kecho bench to judge it on"
            : decided == 0 && undecided == 0 ? "No load point could be judged"
            : decided == 0 ? $"Undecided at all {undecided} load point{(undecided == 1 ? "" : "s")} judged: the intervals cannot tell the engines apart"
            : $"Holds at {judgements.Count(j => j.Agrees == true)} of {decided} load point{(decided == 1 ? "" : "s")} judged"
                + (undecided > 0 ? $" ({undecided} undecided)" : string.Empty);
        string where = sweep is null ? string.Empty : $" ({sweep.Name} scenario by number of clients{(points.Count > sweep.ClientCounts.Count ? ", and the bench tool" : "")})";
        string what = metric == Metrics.Max ? "; figures are medians over the rounds of each round's worst round trip" : "; figures are medians over the rounds";
        string evidence = judgements.Count == 0 ? string.Empty : $"{what}: " + string.Join("; ", judgements.Select(j => j.Text));
        var verdict = ClaimJudgement.Combine(judgements);

        // The steps past the study are shown after each point's figures but judged nowhere: the verdict above is already final.
        var past = points.Select(p => PastTheStudy(p, metric, format, !falls)).ToList();
        if (past.Any(p => p.Length > 0))
        {
            where += $"; the verdict is about the kecho report's three models only, the steps past them ({string.Join(" → ", ChainNames(points))}) are shown after each point's figures and not counted";
            evidence = judgements.Count == 0 ? string.Empty
                : $"{what}: " + string.Join("; ", judgements.Select((j, i) => j.Text + past[i]));
        }

        return new ClaimCheck(claim, verdict, $"{tally}{where}{evidence}.");
    }

    /// <summary>The study's last model and the engines past it, in order (cmwq → eventloop → uring): those measured at some of the points, if given.</summary>
    private static IEnumerable<string> ChainNames(IReadOnlyList<LoadPoint>? measuredAt = null) =>
        [Models[^1], .. BeyondStudy.Where((_, k) => measuredAt is null || measuredAt.Any(p => p.Beyond[k] is not null))];

    private static string BeyondNote() =>
        BeyondStudy.Count == 0 ? string.Empty
        : $" Past the study, the steps {string.Join(" → ", ChainNames())} are shown where the run measured those engines, each with its ratio and interval as above, "
            + "after each load point's figures; they do not count toward the verdict, which is about the kecho report's three models.";

    /// <summary>
    /// One load point's steps past the study, cmwq → eventloop → uring over the engines the run measured
    /// there: each figure and each step's ratio with its interval, as the study's steps, and no verdict.
    /// Empty where no engine past the study was measured.
    /// </summary>
    private static string PastTheStudy(LoadPoint point, IterationMetric metric, Func<double, string> format, bool isCpu)
    {
        var measured = point.Beyond.OfType<CaseResult>().ToList();
        if (measured.Count == 0)
        {
            return string.Empty;
        }

        var left = new List<string>();
        var chain = new List<CaseResult>();
        foreach (var c in point.Cases[^1] is { } last ? [last, .. measured] : measured)
        {
            if (ReportFindings.FailedShare(c.Overall!) > ReportFindings.MaxFailedShareToRank)
            {
                left.Add(FailureText(c));
            }
            else if (isCpu && FigureResolution.ServerCpuPercent(c) is null)
            {
                left.Add($"no CPU figure for {c.Engine}");
            }
            else
            {
                chain.Add(c);
            }
        }

        var samples = chain.Select(c => RoundSamples.Of(c, metric)).ToList();
        string figures = string.Join(", ", chain.Select((c, i) => $"{c.Engine} {format(samples[i].Median)}"));
        string ratios = chain.Count < 2 ? string.Empty : $" ({StepText(chain, Steps(samples))})";
        string leftOut = left.Count == 0 ? string.Empty : $"{(chain.Count > 0 ? "; " : string.Empty)}left out: {string.Join("; ", left)}";
        return $", past the study (not in the verdict): {figures}{ratios}{leftOut}";
    }

    /// <summary>Each step of an order, the later median over the earlier, with its interval and which way it moved beyond the margin.</summary>
    private static List<(int Index, Estimate Ratio, Difference Moves)> Steps(IReadOnlyList<RoundSample> samples) =>
        [.. Enumerable.Range(1, samples.Count - 1)
            .Select(i => (Index: i, Ratio: Uncertainty.Ratio(samples[i], samples[i - 1])))
            .Select(s => (s.Index, s.Ratio, Moves: Uncertainty.Compare(s.Ratio, Uncertainty.ClaimMargin)))];

    /// <summary>"workqueue/thread 0.60× [0.53–0.70], cmwq/workqueue 1.77× [1.3–2.1]".</summary>
    private static string StepText(IReadOnlyList<CaseResult> cases, IEnumerable<(int Index, Estimate Ratio, Difference Moves)> steps) =>
        string.Join(", ", steps.Select(s => $"{cases[s.Index].Engine}/{cases[s.Index - 1].Engine} {IntervalFormat.Ratio(s.Ratio)}"));

    /// <summary>
    /// One load point: the three medians in order, and each step's ratio with its interval. The
    /// point agrees when every step moves the claimed way beyond the margin, disagrees when one
    /// step moves the other way beyond it, and is undecided when a step's interval reaches 1.
    /// </summary>
    private static ClaimJudgement Judge(LoadPoint point, IterationMetric metric, bool falls, Func<double, string> format, int cores)
    {
        bool isCpu = !falls;
        var missing = Models.Where((_, i) => point.Cases[i] is null).ToList();
        if (missing.Count > 0)
        {
            return new ClaimJudgement(null, $"{point.Where}: not judged ({string.Join(", ", missing)} not measured)");
        }

        var cases = point.Cases.Select(c => c!).ToList();
        var excuses = cases.Where(c => ReportFindings.FailedShare(c.Overall!) > ReportFindings.MaxFailedShareToRank).Select(FailureText).ToList();
        if (isCpu)
        {
            var unresolved = cases.Where(c => FigureResolution.ServerCpuPercent(c) is null).ToList();
            if (unresolved.Count > 0)
            {
                excuses.Add($"no CPU figure for {string.Join(", ", unresolved.Select(c => c.Engine))}: "
                    + (FigureResolution.CpuUnresolved(unresolved[0]) ?? "not measured"));
            }
        }

        var samples = cases.Select(c => RoundSamples.Of(c, metric)).ToList();
        // A CPU figure the clock cannot resolve is a dash, as in the tables, whatever its rounds recorded.
        string figures = string.Join(" → ", cases.Select((c, i) => isCpu && FigureResolution.ServerCpuPercent(c) is null ? "–" : format(samples[i].Median)));
        if (excuses.Count > 0)
        {
            return new ClaimJudgement(null, $"{point.Where}: {figures}, not judged ({string.Join("; ", excuses)})");
        }

        var steps = Steps(samples);
        var claimed = falls ? Difference.Lower : Difference.Higher;
        string ratios = StepText(cases, steps);
        var wrong = steps.Where(s => s.Moves != claimed && s.Moves != Difference.NotDistinguishable).ToList();
        if (wrong.Count > 0)
        {
            string why = string.Join(", ", wrong.Select(s => Why(cases[s.Index - 1], cases[s.Index], falls, cores)));
            return new ClaimJudgement(false, $"{point.Where}: {figures} ({ratios}; {why})");
        }

        var open = steps.Where(s => s.Moves == Difference.NotDistinguishable).ToList();
        if (open.Count > 0)
        {
            string reason = string.Join(", ", open.Select(s => $"{cases[s.Index].Engine} and {cases[s.Index - 1].Engine} not distinguishable"));
            return new ClaimJudgement(null, $"{point.Where}: {figures} ({ratios}; undecided: {reason})", reason);
        }

        return new ClaimJudgement(true, $"{point.Where}: {figures} ({ratios})");
    }

    /// <summary>What the data says about a step that went the wrong way.</summary>
    private static string Why(CaseResult before, CaseResult after, bool falls, int cores)
    {
        string step = $"{after.Engine} {(falls ? "above" : "below")} {before.Engine}";
        if (falls)
        {
            // A model that costs more server CPU per request has less to gain from using idle cores.
            return FigureResolution.ServerCpuUsPerRequest(after) is { } mine && FigureResolution.ServerCpuUsPerRequest(before) is { } theirs && mine > theirs
                ? $"{step}: it spent {ReportFormat.OneDecimal(mine)} µs of server CPU per request against {ReportFormat.OneDecimal(theirs)}"
                : step;
        }

        // CPU cannot rise where the cores were already busy: the load generator shares them.
        double busy = (before.Overall!.ServerCpuPercent ?? 0) + before.Overall.ClientCpuPercent;
        return busy >= 0.9 * cores * 100
            ? $"{step}: with {before.Engine} the server and the load generator already used {busy:0} % of {cores * 100} %"
            : step;
    }

    /// <summary>
    /// Response time grows markedly past about <see cref="Knee"/> clients: mean latency per added
    /// client, before and after, on the medians over the rounds; decided where the bootstrap
    /// replicates agree (at least 97.5 % of them on one side, a 95 % two-sided rule).
    /// </summary>
    private static ClaimCheck GrowsPastKnee(ScenarioData? sweep) =>
        PerEngine("Response time grows markedly past about 20 clients.", sweep, "Mean latency (medians over the rounds)", (label, cases) =>
        {
            int pivot = cases.Where(c => c.Clients <= Knee).Select(c => c.Clients).DefaultIfEmpty(0).Max();
            if (pivot == 0 || cases[0].Clients >= pivot || cases[^1].Clients <= pivot)
            {
                return new ClaimJudgement(null, $"{label}: not judged (served at {string.Join(", ", cases.Select(c => c.Clients))} client{(cases.Count == 1 && cases[0].Clients == 1 ? "" : "s")}: "
                    + $"a bend needs one count below {Knee}, one near it and one above)");
            }

            var first = cases[0];
            var knee = cases.Single(c => c.Clients == pivot);
            var last = cases[^1];
            var (f, k, l) = (RoundSamples.Of(first, Metrics.Mean), RoundSamples.Of(knee, Metrics.Mean), RoundSamples.Of(last, Metrics.Mean));
            bool Marked(double fm, double km, double lm, out double before, out double after, out double rise)
            {
                before = (km - fm) / (pivot - first.Clients);
                after = (lm - km) / (last.Clients - pivot);
                rise = lm / km;
                return after > 0 && after >= MarkedGrowth * Math.Max(before, 0) && rise >= MarkedRise;
            }

            bool marked = Marked(f.Median, k.Median, l.Median, out double before, out double after, out _);
            var rise = Uncertainty.Ratio(l, k);
            string text = $"{label}: {Slope(before)} per client from {first.Clients} to {pivot}, {Slope(after)} from {pivot} to {last.Clients}"
                + (before > 0 ? $" ({RatioText.Of(after / before)} as fast)" : string.Empty)
                + $", mean {IntervalFormat.Ratio(rise)} from {pivot} to {last.Clients} clients";
            double rates = last.Overall!.RequestsPerSecond / knee.Overall!.RequestsPerSecond;
            if (!marked && rates is > 0.8 and < 1.25)
            {
                // Little's law for a closed loop: with throughput flat, mean latency ≈ clients ÷ throughput grows in step with clients.
                text += $"; throughput was already flat ({ReportFormat.Whole(knee.Overall.RequestsPerSecond)} → {ReportFormat.Whole(last.Overall.RequestsPerSecond)} requests/s), "
                    + "so the closed loop's mean grows in proportion to clients, with no bend";
            }

            if (f.Replicates is not { } fr || k.Replicates is not { } kr || l.Replicates is not { } lr)
            {
                return new ClaimJudgement(null, text + "; undecided: one round per point gives no interval", "one round per point");
            }

            double share = Enumerable.Range(0, fr.Length).Count(b => Marked(fr[b], kr[b], lr[b], out _, out _, out _)) / (double)fr.Length;
            double tail = (1 - Uncertainty.Confidence) / 2;
            return share >= 1 - tail ? new ClaimJudgement(true, text)
                : share <= tail ? new ClaimJudgement(false, text)
                : new ClaimJudgement(null, $"{text}; undecided: marked in {share * 100:0} % of the resamples", $"marked in {share * 100:0} % of the resamples");
        });

    /// <summary>
    /// Response time correlates with the number of clients: Pearson's r per engine over its served
    /// client counts, on the medians over the rounds, with r's interval over the bootstrap replicates.
    /// </summary>
    private static ClaimCheck Correlates(ScenarioData? sweep) =>
        PerEngine("Response time correlates with the number of clients.", sweep, "Clients against mean latency (medians over the rounds)", (label, cases) =>
        {
            double[] clients = [.. cases.Select(c => (double)c.Clients)];
            var samples = cases.Select(c => RoundSamples.Of(c, Metrics.Mean)).ToList();
            double r = Correlation.Pearson(clients, [.. samples.Select(s => s.Median)]);
            if (cases.Count < MinSweepPoints || !double.IsFinite(r))
            {
                return new ClaimJudgement(null, $"{label}: not judged (served at {cases.Count} client count{(cases.Count == 1 ? "" : "s")}, {MinSweepPoints} needed)");
            }

            string text = $"{label} r = {r.ToString("0.00", CultureInfo.InvariantCulture)}";
            if (samples.Any(s => s.Replicates is null))
            {
                return new ClaimJudgement(null, $"{text} over {cases.Count} client counts; undecided: one round per point gives no interval", "one round per point");
            }

            var (low, high) = MedianBootstrap.PercentileInterval(
                Enumerable.Range(0, Uncertainty.Resamples).Select(b => Correlation.Pearson(clients, [.. samples.Select(s => s.Replicates![b])])),
                Uncertainty.Confidence);
            text += (high > low ? $" [{low.ToString("0.00", CultureInfo.InvariantCulture)}–{high.ToString("0.00", CultureInfo.InvariantCulture)}]" : string.Empty) + $" over {cases.Count} client counts ({cases[0].Clients}–{cases[^1].Clients})";
            return low >= StrongCorrelation ? new ClaimJudgement(true, text)
                : high < StrongCorrelation ? new ClaimJudgement(false, text)
                : new ClaimJudgement(null, $"{text}; undecided: the interval includes {StrongCorrelation.ToString("0.0", CultureInfo.InvariantCulture)}", $"r's interval includes {StrongCorrelation.ToString("0.0", CultureInfo.InvariantCulture)}");
        });

    /// <summary>A claim about how each engine's latency follows clients, judged per engine on the points where it served its clients.</summary>
    private static ClaimCheck PerEngine(string claim, ScenarioData? sweep, string lead,
        Func<string, IReadOnlyList<CaseResult>, ClaimJudgement> judge)
    {
        if (sweep is null)
        {
            return new ClaimCheck(claim, ClaimVerdict.NotTested, "The run has no clients sweep to judge it on.");
        }

        var judged = SweepSeries(sweep)
            .Select(s => judge(s.Label, [.. s.Cases.Where(c => ReportFindings.FailedShare(c.Overall!) <= ReportFindings.MaxFailedShareToRank)]))
            .ToList();
        return new ClaimCheck(claim, ClaimJudgement.Combine(judged), $"{lead}, {sweep.Name} sweep: {string.Join("; ", judged.Select(j => j.Text))}.");
    }

    /// <summary>The sweep's lines judged on their own: one per engine (the first when a parameter splits them).</summary>
    private static IEnumerable<Series> SweepSeries(ScenarioData sweep) =>
        sweep.Series.GroupBy(s => s.Engine).Select(g => g.First()).Where(s => s.Cases.Count > 1);

    private static string Slope(double usPerClient) =>
        (usPerClient >= 0 ? "+" : "−") + LatencyText.Of(Math.Abs(usPerClient));

    private static string FailureText(CaseResult c)
    {
        var o = c.Overall!;
        string kinds = string.Join(", ", c.ErrorsByKind.Where(k => k.Value > 0).OrderByDescending(k => k.Value).Select(k => k.Key));
        return $"{c.Engine} failed {ReportFormat.Whole(o.Errors)} of {ReportFormat.Whole(o.Errors + o.Requests)} round trips" + (kinds.Length > 0 ? $", {kinds}" : string.Empty);
    }
}
