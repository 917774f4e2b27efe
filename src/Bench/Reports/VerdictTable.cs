using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// The headline table at the top of the report: for each scenario (at its heaviest load point) and
/// each measure, the engine that did best and every other engine as a ratio to it. Failures are
/// marked in the cell; an engine that failed more than 1 % of its round trips is not ranked on the
/// measures that count completed requests only (latency, CPU per request).
/// </summary>
internal static class VerdictTable
{
    public const string Id = "verdict";

    private sealed record Measure(string Name, Func<CaseResult, double> Value, bool HigherIsBetter, bool PerCompletedRequest,
        Func<CaseResult, string?> Unresolved, Func<double, string> Format);

    private static readonly Measure[] Measures =
    [
        new("mean latency", c => c.Overall!.Latency.MeanUs, Metrics.Mean.HigherIsBetter, true, NoLatency, ReportFormat.Latency),
        new("p99 latency", c => c.Overall!.Latency.P99Us, Metrics.P99.HigherIsBetter, true,
            c => NoLatency(c) ?? FigureResolution.PercentileUnresolved(c.Overall!.Latency.Count, 99), ReportFormat.Latency),
        new("max latency", c => c.Overall!.Latency.MaxUs, Metrics.Max.HigherIsBetter, true, NoLatency, ReportFormat.Latency),
        new("throughput", c => c.Overall!.RequestsPerSecond, Metrics.RequestsPerSecond.HigherIsBetter, false, OnlyOffered, v => $"{ReportFormat.Whole(v)} requests/s"),
        new("server CPU per request", c => c.Overall!.ServerCpuUsPerRequest ?? double.NaN, Metrics.ServerCpuPerRequest.HigherIsBetter, true,
            c => FigureResolution.CpuUnresolved(c)
                ?? (c.Overall!.Requests == 0 ? "no request completed" : c.Overall.ServerCpuUsPerRequest is null ? "not measured" : null),
            v => $"{ReportFormat.OneDecimal(v)} µs"),
    ];

    /// <summary>The verdict of a run, or null when it measured nothing.</summary>
    public static ReportTable? From(IReadOnlyList<ScenarioData> scenarios)
    {
        var measured = scenarios.Where(s => s.Measured.Count > 0).ToList();
        if (measured.Count == 0)
        {
            return null;
        }

        var engines = EngineStyle.Order(measured.SelectMany(s => s.Engines));
        var rows = new List<IReadOnlyList<string>>();
        foreach (var scenario in measured)
        {
            int clients = LoadPoint(scenario);
            foreach (var group in scenario.Measured.Where(c => c.Clients == clients)
                .GroupBy(c => string.Join(", ", scenario.VaryingParameters.Select(k => $"{k}={c.Parameters.GetValueOrDefault(k) ?? "-"}"))))
            {
                string load = (ScenarioCatalog.IsBurst(scenario.Name) ? $"{clients} connections at once" : $"{clients} clients")
                    + (group.Key.Length == 0 ? string.Empty : $", {group.Key}");
                var cases = group.ToList();
                rows.AddRange(Measures.Select(m => Row(scenario.Name, load, m, cases, engines)));
            }
        }

        var notes = new List<string>
        {
            "Each cell is the engine's figure divided by the best engine's: for latency and CPU, 2.00× is twice as slow or as costly; "
                + "for throughput, 0.50× is half the best rate. Sweeps are compared at the most clients the baseline engine reached.",
            $"An engine that failed more than {ReportFindings.MaxFailedShareToRank * 100:0} % of its round trips is not ranked on latency or CPU per request "
                + "(both describe the requests it completed); its throughput is ranked and marked. Smaller failure counts are marked in the cell.",
            "\"–\" is a figure the measurement cannot resolve, with the reason.",
        };
        return new ReportTable(Id, "Verdict", ["scenario", "load", "measure", "best", .. engines], rows, notes);
    }

    /// <summary>The client count a scenario is judged at: the most clients its baseline engine reached (sweeps), else its one load point.</summary>
    public static int LoadPoint(ScenarioData scenario)
    {
        string baseline = ReportFindings.BaselineOf(scenario);
        return scenario.Measured.Where(c => c.Engine == baseline).Max(c => c.Clients);
    }

    private static IReadOnlyList<string> Row(string scenario, string load, Measure measure, IReadOnlyList<CaseResult> cases, IReadOnlyList<string> engines)
    {
        var ranked = cases.Where(c => Rankable(measure, c)).ToList();
        var best = measure.HigherIsBetter ? ranked.MaxBy(measure.Value) : ranked.MinBy(measure.Value);
        string bestCell = best is null ? "– (no engine could be ranked)"
            : $"{best.Engine}: {measure.Format(measure.Value(best))}{RestsOn(measure, best)}"
                + (ranked.Count == 1 && cases.Count > 1 ? " (the only engine ranked)" : string.Empty);
        var cells = engines.Select(engine => cases.FirstOrDefault(c => c.Engine == engine) is { } c ? Cell(measure, c, best) : string.Empty);
        return [scenario, load, measure.Name, bestCell, .. cells];
    }

    private static string Cell(Measure measure, CaseResult c, CaseResult? best)
    {
        var overall = c.Overall!;
        double failed = ReportFindings.FailedShare(overall);
        if (measure.Unresolved(c) is { } reason)
        {
            return ReportFormat.Unresolved(reason);
        }

        if (measure.PerCompletedRequest && failed > ReportFindings.MaxFailedShareToRank)
        {
            return $"not ranked: {FailedText(overall)}";
        }

        if (best is null)
        {
            return measure.Format(measure.Value(c));
        }

        string ratio = c == best ? "best" : ReportFormat.Ratio(measure.Value(c) / measure.Value(best));
        return overall.Errors == 0 ? ratio : $"{ratio} ({FailedText(overall)})";
    }

    private static bool Rankable(Measure measure, CaseResult c) =>
        measure.Unresolved(c) is null && double.IsFinite(measure.Value(c))
        && (!measure.PerCompletedRequest || ReportFindings.FailedShare(c.Overall!) <= ReportFindings.MaxFailedShareToRank);

    /// <summary>
    /// An open loop delivers what it offers until the server breaks: its rate ranks nothing, and
    /// where the server kept up it only repeats the offer. A capacity search (--profile capacity) finds how much each sustains.
    /// </summary>
    private static string? OnlyOffered(CaseResult c) =>
        c.Scenario == ScenarioCatalog.Rate ? $"{ReportFormat.Whole(c.Overall!.RequestsPerSecond)} requests/s delivered of a fixed offered rate: not ranked (the capacity profile measures each engine's maximum sustainable rate)" : null;

    private static string? NoLatency(CaseResult c) => c.Overall!.Latency.Count == 0 ? "no round trip completed" : null;

    /// <summary>A percentile's best cell says how many timed requests it rests on.</summary>
    private static string RestsOn(Measure measure, CaseResult best) =>
        measure.Name.StartsWith('p') ? $" (of {ReportFormat.Whole(best.Overall!.Latency.Count)} requests)" : string.Empty;

    private static string FailedText(IterationResult overall)
    {
        long attempted = overall.Requests + overall.Errors;
        return overall.Requests == 0
            ? $"all {ReportFormat.Whole(attempted)} failed"
            : $"{ReportFormat.Whole(overall.Errors)} of {ReportFormat.Whole(attempted)} failed, {ReportFindings.FailedShare(overall) * 100:0.#} %";
    }
}
