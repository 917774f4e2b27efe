using KEchoBench.Bench.Formatting;
using System.Globalization;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// "Where the time went", said once per scenario: the line of numbers under a scenario's findings
/// (what each engine's server threads did per request at the scenario's main load point), the note
/// under the kecho claims that every claim points to, and the flags of the rounds whose latency
/// measured the kernel's accept backlog or the load generator rather than the model. The full
/// split per load point is <see cref="TimeBreakdownTable"/>; the chart, <see cref="TimeSplitPlot"/>.
/// </summary>
internal static class TimeBreakdown
{
    /// <summary>The sentence each kecho claim ends with, pointing to the note under the claims table.</summary>
    public const string ClaimsReference = "Where the time went: see the note under this table.";

    /// <summary>
    /// One line of numbers for a scenario at its main load point (the verdict's): per engine, run-queue
    /// wait and voluntary switches per request and threads started (the first engine's figures named,
    /// the others' in the same order). Null when no engine there was watched.
    /// </summary>
    public static string? Evidence(ScenarioData scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Measured.Count == 0)
        {
            return null;
        }

        int clients = VerdictTable.LoadPoint(scenario);
        var parts = new List<string>();
        foreach (string engine in scenario.Engines)
        {
            if (scenario.At(engine, clients)?.Overall is not { Attribution.Server: { } s } overall)
            {
                continue;
            }

            parts.Add(parts.Count == 0
                ? $"{engine} {Wait(s, overall.Requests)} run-queue wait and {Switches(s, overall.Requests)} voluntary switches per request, {Started(s)} threads started"
                : $"{engine} {Wait(s, overall.Requests)}, {Switches(s, overall.Requests)}, {Started(s)}");
        }

        return parts.Count == 0 ? null
            : $"at {clients} client{(clients == 1 ? "" : "s")}: {string.Join("; ", parts)} (all rounds; table \"{TimeBreakdownTable.TitleOf(scenario)}\")";
    }

    /// <summary>
    /// The kecho claims' table with the numbers of where the time went said once, in a note (from the
    /// kecho bench and the sweep the claims are judged on), and each claim pointing to it.
    /// </summary>
    public static ReportTable? UnderClaims(ReportTable? claims, IReadOnlyList<ScenarioData> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        if (claims is null)
        {
            return null;
        }

        var sources = new[] { scenarios.FirstOrDefault(s => s.Name == ScenarioCatalog.KechoBench && s.Measured.Count > 0), KechoClaims.SweepOf(scenarios) }
            .OfType<ScenarioData>()
            .Select(s => Evidence(s) is { } line ? $"{s.Name} {line}" : null)
            .OfType<string>()
            .ToList();
        if (sources.Count == 0)
        {
            return claims;
        }

        int evidence = claims.Columns.Count - 1;
        return claims with
        {
            Rows = [.. claims.Rows.Select(r => (IReadOnlyList<string>)[.. r.Take(evidence), $"{r[evidence]} {ClaimsReference}"])],
            Notes = [.. claims.Notes ?? [], $"Where the time went, for every claim above: {string.Join(" | ", sources)}."],
        };
    }

    /// <summary>For the findings: the index of each scenario's last finding, with the scenario's line to print under it.</summary>
    public static IReadOnlyDictionary<int, string> AfterFindings(IReadOnlyList<Finding> findings, IReadOnlyList<ScenarioData> scenarios)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(scenarios);
        var lines = new Dictionary<int, string>();
        foreach (var scenario in scenarios)
        {
            int last = findings.Select((f, i) => (f, i)).LastOrDefault(x => x.f.Scenario == scenario.Name, (null!, -1)).Item2;
            if (last >= 0 && Evidence(scenario) is { } line)
            {
                lines[last] = line;
            }
        }

        return lines;
    }

    /// <summary>The flags of a case's rounds, each a sentence; empty when none is flagged.</summary>
    public static IReadOnlyList<string> Flags(CaseResult @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var backlog = @case.Iterations.Select((i, n) => (i, n)).Where(x => x.i.Attribution?.BacklogOverflowed == true).Select(x => x.n + 1).ToList();
        var client = @case.Iterations.Where(i => i.ClientWaitedLonger == true).ToList();
        var flags = new List<string>();
        string where = $"{@case.Engine} at {@case.Clients} client{(@case.Clients == 1 ? "" : "s")}";
        if (backlog.Count > 0)
        {
            flags.Add($"{where}: the accept backlog overflowed (machine-wide counter) in round(s) {string.Join(", ", backlog)}: their latency measures the kernel's queue.");
        }

        if (client.Count > 0)
        {
            var rounds = @case.Iterations.Select((i, n) => (i, n)).Where(x => x.i.ClientWaitedLonger == true).Select(x => x.n + 1);
            flags.Add($"{where}: the load generator waited for a CPU clearly more than the server in round(s) {string.Join(", ", rounds)} ({ClientWait(client)}): their latency is partly the client's.");
        }

        return flags;
    }

    private static string Wait(ProcessTimes s, long requests) =>
        PerRequestTimes.RunQueueWaitUs(s, requests) is { } us ? LatencyText.Of(us)
        : requests <= 0 ? "– (no request completed)"
        : $"– ({s.SchedStatAbsent})";

    private static string Switches(ProcessTimes s, long requests) =>
        PerRequestTimes.VoluntarySwitches(s, requests) is { } v ? ReportFormat.PerRequest(v) : "–";

    private static string Started(ProcessTimes s) => s.ThreadsStarted.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The flagged rounds' figures together: both waiting shares, and the generator's wait per request against the mean round trip.</summary>
    private static string ClientWait(IReadOnlyList<IterationResult> rounds)
    {
        var together = rounds.Select(i => i.Attribution!).Aggregate((a, b) => a.Plus(b));
        long requests = rounds.Sum(i => i.Requests);
        double meanUs = requests > 0 ? rounds.Sum(i => i.Latency.MeanUs * i.Requests) / requests : 0;
        return $"its threads waited {ReportFormat.Share(ClientWaitRule.WaitingShare(together.Client) ?? double.NaN)} of the time they wanted a CPU, the server's "
            + $"{ReportFormat.Share(ClientWaitRule.WaitingShare(together.Server) ?? double.NaN)}; {LatencyText.Of(PerRequestTimes.RunQueueWaitUs(together.Client, requests) ?? double.NaN)} "
            + $"per request against a mean round trip of {LatencyText.Of(meanUs)}";
    }
}
