using System.Globalization;
using KEchoBench.Bench.Results;
using KEchoBench.Servers.Engines;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// The kecho report's findings, checked against a run: from Original (the <c>thread</c> engine) to
/// <c>workqueue</c> to <c>cmwq</c> average and worst response time fall and CPU utilisation rises;
/// response time grows markedly past about 20 clients and correlates with the number of clients.
/// Judged on a clients sweep, and for the kecho profile on its bench tool too; each verdict carries
/// the numbers behind it and, where the data can tell, why a claim does not hold.
/// </summary>
internal static class KechoClaims
{
    public const string Id = "kecho-claims";

    public const string Title = "The kecho report's claims, re-measured";

    /// <summary>The report's three models in its order: Original, Workqueue, CMWQ.</summary>
    public static readonly IReadOnlyList<string> Models = [.. EngineRegistry.All.Where(d => d.InKechoStudy).Select(d => d.Name)];

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

    private sealed record LoadPoint(string Where, int Clients, IReadOnlyList<CaseResult?> Cases);

    private sealed record Judgement(LoadPoint Point, bool? Agrees, string Text);

    /// <summary>The checks of a run: empty when it has neither a sweep to judge them on nor is a kecho run.</summary>
    public static IReadOnlyList<ClaimCheck> From(RunResult run, IReadOnlyList<ScenarioData> scenarios)
    {
        var sweep = SweepOf(scenarios);
        var bench = scenarios.FirstOrDefault(s => s.Name == ScenarioCatalog.KechoBench && s.Measured.Count > 0);
        if (sweep is null && bench is null && run.Profile != ScenarioCatalog.KechoProfile)
        {
            return [];
        }

        var points = new List<LoadPoint>();
        if (bench is not null)
        {
            int clients = bench.ClientCounts[^1];
            points.Add(new LoadPoint($"{bench.Name} ({clients} at once)", clients, [.. Models.Select(m => bench.At(m, clients))]));
        }

        if (sweep is not null)
        {
            points.AddRange(sweep.ClientCounts.Select(n => new LoadPoint($"{n} client{(n == 1 ? "" : "s")}", n, [.. Models.Select(m => sweep.At(m, n))])));
        }

        int cores = Math.Max(run.Environment.Cores, 1);
        return
        [
            Ordered("From Original (thread) to workqueue to cmwq, the average response time falls.", points, sweep,
                c => c.Overall!.Latency.MeanUs, falls: true, ReportFormat.Latency, cores),
            Ordered("From Original to workqueue to cmwq, the worst response time falls.", points, sweep,
                c => c.Overall!.Latency.MaxUs, falls: true, ReportFormat.Latency, cores),
            Ordered("CPU utilisation rises along the same order.", points, sweep,
                c => FigureResolution.ServerCpuPercent(c) ?? double.NaN, falls: false, v => double.IsFinite(v) ? $"{ReportFormat.OneDecimal(v)} %" : "–", cores),
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
                + $"\"Markedly\" past {Knee} clients: mean latency grows per added client at least {MarkedGrowth:0}× as fast as up to {Knee}, "
                + $"and by at least {MarkedRise.ToString("0.0", CultureInfo.InvariantCulture)}× from there to the most clients; "
                + $"\"correlates\": Pearson's r of clients against mean latency of at least {StrongCorrelation.ToString("0.0", CultureInfo.InvariantCulture)}."]);

    /// <summary>The sweep the claims are judged on: the kecho profile's when present, else the clients scenario's, if it has enough client counts.</summary>
    public static ScenarioData? SweepOf(IReadOnlyList<ScenarioData> scenarios) =>
        new[] { ScenarioCatalog.KechoTelnet, ScenarioCatalog.Clients }
            .Select(name => scenarios.FirstOrDefault(s => s.Name == name))
            .FirstOrDefault(s => s is not null && s.ClientCounts.Count >= MinSweepPoints);

    private static ClaimCheck Ordered(string claim, IReadOnlyList<LoadPoint> points, ScenarioData? sweep,
        Func<CaseResult, double> value, bool falls, Func<double, string> format, int cores)
    {
        var judgements = points.Select(p => Judge(p, value, falls, format, cores)).ToList();
        int judged = judgements.Count(j => j.Agrees is not null);
        string tally = points.Count == 0 ? "The run has no clients sweep and no kecho bench to judge it on"
            : judged == 0 ? "No load point could be judged"
            : $"Holds at {judgements.Count(j => j.Agrees == true)} of {judged} load point{(judged == 1 ? "" : "s")} judged";
        string where = sweep is null ? string.Empty : $" ({sweep.Name} scenario by number of clients{(points.Count > sweep.ClientCounts.Count ? ", and the bench tool" : "")})";
        string evidence = judgements.Count == 0 ? string.Empty : ": " + string.Join("; ", judgements.Select(j => j.Text));
        return new ClaimCheck(claim, Combine(judgements.Select(j => j.Agrees)), $"{tally}{where}{evidence}.");
    }

    /// <summary>One load point: the three figures in order, whether they move the claimed way, and what broke the order.</summary>
    private static Judgement Judge(LoadPoint point, Func<CaseResult, double> value, bool falls, Func<double, string> format, int cores)
    {
        bool isCpu = !falls;
        var missing = Models.Where((_, i) => point.Cases[i] is null).ToList();
        if (missing.Count > 0)
        {
            return new Judgement(point, null, $"{point.Where}: not judged ({string.Join(", ", missing)} not measured)");
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

        string figures = string.Join(" → ", cases.Select(c => format(value(c))));
        if (excuses.Count > 0)
        {
            return new Judgement(point, null, $"{point.Where}: {figures}, not judged ({string.Join("; ", excuses)})");
        }

        var breaks = Enumerable.Range(1, cases.Count - 1)
            .Where(i => falls ? !(value(cases[i]) < value(cases[i - 1])) : !(value(cases[i]) > value(cases[i - 1])))
            .ToList();
        if (breaks.Count == 0)
        {
            return new Judgement(point, true, $"{point.Where}: {figures}");
        }

        string why = string.Join(", ", breaks.Select(i => Why(cases[i - 1], cases[i], falls, cores)));
        return new Judgement(point, false, $"{point.Where}: {figures} ({why})");
    }

    /// <summary>What the data says about a step that went the wrong way.</summary>
    private static string Why(CaseResult before, CaseResult after, bool falls, int cores)
    {
        string step = $"{after.Engine} {(falls ? "not below" : "not above")} {before.Engine}";
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

    /// <summary>Response time grows markedly past about <see cref="Knee"/> clients: mean latency per added client, before and after.</summary>
    private static ClaimCheck GrowsPastKnee(ScenarioData? sweep) =>
        PerEngine("Response time grows markedly past about 20 clients.", sweep, "Mean latency", (label, points) =>
        {
            int pivot = points.Where(p => p.Clients <= Knee).Select(p => p.Clients).DefaultIfEmpty(0).Max();
            if (pivot == 0 || points[0].Clients >= pivot || points[^1].Clients <= pivot)
            {
                return (null, $"{label}: not judged (served at {string.Join(", ", points.Select(p => p.Clients))} client{(points.Count == 1 && points[0].Clients == 1 ? "" : "s")}: "
                    + $"a bend needs one count below {Knee}, one near it and one above)");
            }

            var first = points[0];
            var knee = points.Single(p => p.Clients == pivot);
            var last = points[^1];
            double before = (knee.Overall.Latency.MeanUs - first.Overall.Latency.MeanUs) / (pivot - first.Clients);
            double after = (last.Overall.Latency.MeanUs - knee.Overall.Latency.MeanUs) / (last.Clients - pivot);
            double rise = last.Overall.Latency.MeanUs / knee.Overall.Latency.MeanUs;
            bool marked = after > 0 && after >= MarkedGrowth * Math.Max(before, 0) && rise >= MarkedRise;
            string text = $"{label}: {Slope(before)} per client from {first.Clients} to {pivot}, {Slope(after)} from {pivot} to {last.Clients}"
                + (before > 0 ? $" ({ReportFormat.Ratio(after / before)} as fast)" : string.Empty)
                + $", mean {ReportFormat.Ratio(rise)} from {pivot} to {last.Clients} clients";
            double rates = last.Overall.RequestsPerSecond / knee.Overall.RequestsPerSecond;
            if (!marked && rates is > 0.8 and < 1.25)
            {
                // Little's law for a closed loop: with throughput flat, mean latency ≈ clients ÷ throughput grows in step with clients.
                text += $"; throughput was already flat ({ReportFormat.Whole(knee.Overall.RequestsPerSecond)} → {ReportFormat.Whole(last.Overall.RequestsPerSecond)} requests/s), "
                    + "so the closed loop's mean grows in proportion to clients, with no bend";
            }

            return (marked, text);
        });

    /// <summary>Response time correlates with the number of clients: Pearson's r per engine over its served client counts.</summary>
    private static ClaimCheck Correlates(ScenarioData? sweep) =>
        PerEngine("Response time correlates with the number of clients.", sweep, "Clients against mean latency", (label, points) =>
        {
            double r = Correlation.Pearson([.. points.Select(p => (double)p.Clients)], [.. points.Select(p => p.Overall.Latency.MeanUs)]);
            return points.Count < MinSweepPoints || !double.IsFinite(r)
                ? (null, $"{label}: not judged (served at {points.Count} client count{(points.Count == 1 ? "" : "s")}, {MinSweepPoints} needed)")
                : (r >= StrongCorrelation, $"{label} r = {r.ToString("0.00", CultureInfo.InvariantCulture)} over {points.Count} client counts ({points[0].Clients}–{points[^1].Clients})");
        });

    /// <summary>A claim about how each engine's latency follows clients, judged per engine on the points where it served its clients.</summary>
    private static ClaimCheck PerEngine(string claim, ScenarioData? sweep, string lead,
        Func<string, IReadOnlyList<(int Clients, IterationResult Overall)>, (bool? Agrees, string Text)> judge)
    {
        if (sweep is null)
        {
            return new ClaimCheck(claim, ClaimVerdict.NotTested, "The run has no clients sweep to judge it on.");
        }

        var judged = SweepSeries(sweep)
            .Select(s => judge(s.Label, [.. s.Points.Where(p => ReportFindings.FailedShare(p.Overall) <= ReportFindings.MaxFailedShareToRank)]))
            .ToList();
        return new ClaimCheck(claim, Combine(judged.Select(j => j.Agrees)), $"{lead}, {sweep.Name} sweep: {string.Join("; ", judged.Select(j => j.Text))}.");
    }

    /// <summary>The sweep's lines judged on their own: one per engine (the first when a parameter splits them).</summary>
    private static IEnumerable<Series> SweepSeries(ScenarioData sweep) =>
        sweep.Series.GroupBy(s => s.Engine).Select(g => g.First()).Where(s => s.Cases.Count > 1);

    private static string Slope(double usPerClient) =>
        (usPerClient >= 0 ? "+" : "−") + ReportFormat.Latency(Math.Abs(usPerClient));

    private static string FailureText(CaseResult c)
    {
        var o = c.Overall!;
        string kinds = string.Join(", ", c.ErrorsByKind.Where(k => k.Value > 0).OrderByDescending(k => k.Value).Select(k => k.Key));
        return $"{c.Engine} failed {ReportFormat.Whole(o.Errors)} of {ReportFormat.Whole(o.Errors + o.Requests)} round trips" + (kinds.Length > 0 ? $", {kinds}" : string.Empty);
    }

    private static ClaimVerdict Combine(IEnumerable<bool?> agreements)
    {
        var judged = agreements.OfType<bool>().ToList();
        return judged.Count == 0 ? ClaimVerdict.NotTested
            : judged.All(a => a) ? ClaimVerdict.Holds
            : judged.Any(a => a) ? ClaimVerdict.Partly
            : ClaimVerdict.DoesNotHold;
    }
}
