using System.Globalization;
using System.Text;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// "Where the time went": per scenario and load point, each engine's server thread time split
/// into running, waiting for a CPU and blocked/idle (a text bar, one character per 5 %), with the
/// run-queue wait, switches and threads started per request; the rounds whose latency measured the
/// kernel's accept backlog or the load generator rather than the model, flagged; and the one line
/// of numbers written under a scenario's findings. Figures from run.json's attribution.
/// </summary>
internal static class TimeBreakdown
{
    private const int BarWidth = 20;

    /// <summary>The section's lines for one scenario (empty when its run has no attribution).</summary>
    public static IReadOnlyList<string> Chart(ScenarioData scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var lines = new List<string>();
        foreach (int clients in scenario.ClientCounts)
        {
            foreach (string engine in scenario.Engines)
            {
                if (scenario.At(engine, clients) is not { Overall: { Attribution: { } a } overall } @case)
                {
                    continue;
                }

                lines.Add($"    {clients,5} clients {engine,-10} {Describe(a, overall.Requests)}{Flags(@case)}");
            }
        }

        return lines;
    }

    /// <summary>One line of numbers for a scenario's findings: at its largest load point, what each engine's threads did per request.</summary>
    public static string? Evidence(ScenarioData scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var top = scenario.ClientCounts.Count > 0 ? scenario.ClientCounts[^1] : 0;
        var parts = new List<string>();
        foreach (string engine in scenario.Engines)
        {
            if (scenario.At(engine, top)?.Overall is not { Attribution.Server: { } s } overall)
            {
                continue;
            }

            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{engine}: {s.ThreadsStarted} threads started, run-queue wait {Wait(s, overall.Requests)} per request, {PerRequestTimes.VoluntarySwitches(s, overall.Requests):0.##} voluntary switches per request"));
        }

        return parts.Count == 0 ? null : $"at {top} clients — " + string.Join("; against ", parts);
    }

    /// <summary>The kecho claims, each with the line of numbers that says which of the time figures moved (from the kecho bench and the sweep the claims are judged on).</summary>
    public static IReadOnlyList<ClaimCheck> UnderClaims(IReadOnlyList<ClaimCheck> checks, IReadOnlyList<ScenarioData> scenarios)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var sources = new[] { scenarios.FirstOrDefault(s => s.Name == ScenarioCatalog.KechoBench && s.Measured.Count > 0), KechoClaims.SweepOf(scenarios) }
            .OfType<ScenarioData>()
            .Select(s => Evidence(s) is { } line ? $"{s.Name} {line}" : null)
            .OfType<string>()
            .ToList();
        return sources.Count == 0 ? checks : [.. checks.Select(c => c with { Evidence = $"{c.Evidence} Where the time went: {string.Join(" | ", sources)}." })];
    }

    private static string Describe(RoundAttribution a, long requests)
    {
        if (a.Server is not { } s)
        {
            return "server not measured";
        }

        if (s.RunningMs is not { } run || s.RunQueueWaitMs is not { } wait || s.BlockedMs is not { } blocked || s.ThreadMs <= 0)
        {
            return $"– ({s.SchedStatAbsent ?? "no thread time"})";
        }

        double total = Math.Max(s.ThreadMs, run + wait + blocked);
        int r = (int)Math.Round(BarWidth * run / total);
        int w = (int)Math.Round(BarWidth * wait / total);
        var bar = new StringBuilder().Append('#', r).Append('~', w).Append('.', Math.Max(0, BarWidth - r - w));
        return string.Create(CultureInfo.InvariantCulture,
            $"[{bar}] running {100 * run / total:0.0} %, waiting for a CPU {100 * wait / total:0.0} %, blocked/idle {100 * blocked / total:0.0} % of {s.ThreadMs / 1000:0.0} thread-s; runq {Wait(s, requests)}/req, {s.ThreadsStarted} threads started, client runq {(a.Client?.RunQueueWaitMs is { } c ? $"{c:0.0} ms" : "–")}, listen overflows {(a.Tcp is { } t ? t.ListenOverflows.ToString(CultureInfo.InvariantCulture) : "–")}");
    }

    private static string Wait(ProcessTimes s, long requests) =>
        PerRequestTimes.RunQueueWaitUs(s, requests) is { } us ? string.Create(CultureInfo.InvariantCulture, $"{us:0.##} µs") : $"– ({s.SchedStatAbsent})";

    /// <summary>The flagged rounds' figures together: both waiting shares, and the generator's wait per request against the mean round trip.</summary>
    private static string ClientWait(IReadOnlyList<IterationResult> rounds)
    {
        var together = rounds.Select(i => i.Attribution!).Aggregate((a, b) => a.Plus(b));
        long requests = rounds.Sum(i => i.Requests);
        double meanUs = requests > 0 ? rounds.Sum(i => i.Latency.MeanUs * i.Requests) / requests : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"its threads waited {ClientWaitRule.WaitingShare(together.Client):P0} of the time they wanted a CPU, the server's {ClientWaitRule.WaitingShare(together.Server):P0}; {ReportFormat.Latency(PerRequestTimes.RunQueueWaitUs(together.Client, requests) ?? 0)} per request against a mean round trip of {ReportFormat.Latency(meanUs)}");
    }

    private static string Flags(CaseResult @case)
    {
        var backlog = @case.Iterations.Select((i, n) => (i, n)).Where(x => x.i.Attribution?.BacklogOverflowed == true).Select(x => x.n + 1).ToList();
        var client = @case.Iterations.Where(i => i.ClientWaitedLonger == true).ToList();
        var flags = new List<string>();
        if (backlog.Count > 0)
        {
            flags.Add($"FLAG accept backlog overflowed (machine-wide counter) in round(s) {string.Join(", ", backlog)}: their latency measures the kernel's queue");
        }

        if (client.Count > 0)
        {
            var rounds = @case.Iterations.Select((i, n) => (i, n)).Where(x => x.i.ClientWaitedLonger == true).Select(x => x.n + 1);
            flags.Add($"FLAG load generator waited for a CPU clearly more than the server in round(s) {string.Join(", ", rounds)} ({ClientWait(client)}): their latency is partly the client's");
        }

        return flags.Count == 0 ? "" : "\n          " + string.Join("\n          ", flags);
    }
}
