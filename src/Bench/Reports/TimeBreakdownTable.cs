using KEchoBench.Bench.Formatting;
using System.Globalization;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// The table of where a scenario's server time went, one row per load point and engine (all rounds
/// together): the thread-time split (<see cref="ServerTimeSplit"/>), per-request run-queue wait and
/// switches, threads started, both sides' waiting shares (<see cref="ClientWaitRule"/>) and the
/// listen overflows, with the flagged rounds in its notes. Null when the scenario has no attribution.
/// </summary>
internal static class TimeBreakdownTable
{
    public static string TitleOf(ScenarioData scenario) => $"Where the time went: {scenario.Name}";

    public static ReportTable? For(ScenarioData scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var rows = new List<IReadOnlyList<string>>();
        var flags = new List<string>();
        foreach (int clients in scenario.ClientCounts)
        {
            foreach (string engine in scenario.Engines)
            {
                if (scenario.At(engine, clients) is not { Overall: { Attribution: { } a } overall } @case)
                {
                    continue;
                }

                rows.Add(Row(clients, engine, a, overall.Requests));
                flags.AddRange(TimeBreakdown.Flags(@case));
            }
        }

        if (rows.Count == 0)
        {
            return null;
        }

        string[] notes =
        [
            "Server thread time is the server's thread count integrated over the measured rounds; running, waiting for a CPU (runnable on a run queue) "
                + "and blocked or idle split it and sum to 100 %. Per request: the server's totals over the rounds divided by the requests completed. "
                + "Waiting share: of the time a side's threads wanted a CPU, the share they waited for one (server, then load generator). "
                + "Listen overflows are machine-wide. docs/reading-the-report.md says how to read it and when a round is flagged.",
            .. flags.Select(f => "FLAG " + f),
        ];
        return new ReportTable($"time-{scenario.Name}", TitleOf(scenario),
            ["clients", "engine", "running", "waiting for a CPU", "blocked or idle", "server thread-s", "run-queue wait/req",
                "voluntary switches/req", "involuntary switches/req", "threads started", "waiting share server / generator", "listen overflows"],
            rows, notes);
    }

    private static IReadOnlyList<string> Row(int clients, string engine, RoundAttribution a, long requests)
    {
        var s = a.Server;
        var split = ServerTimeSplit.Of(s);
        string absent = ReportFormat.Unresolved(ServerTimeSplit.WhyAbsent(s));
        string Percent(Func<ServerTimeSplit, double> share) => split is null ? absent : ReportFormat.OneDecimal(100 * share(split)) + " %";
        string Shares() => ClientWaitRule.WaitingShare(s) is { } server
            ? $"{ReportFormat.Share(server)} / {(ClientWaitRule.WaitingShare(a.Client) is { } client ? ReportFormat.Share(client) : "–")}"
            : absent;
        return
        [
            clients.ToString(CultureInfo.InvariantCulture), engine,
            Percent(x => x.RunningShare), Percent(x => x.WaitingShare), Percent(x => x.BlockedShare),
            s is null ? "–" : (s.ThreadMs / 1000).ToString("0.0", CultureInfo.InvariantCulture),
            PerRequestTimes.RunQueueWaitUs(s, requests) is { } wait ? LatencyText.Of(wait) : requests <= 0 ? "– (no request completed)" : absent,
            PerRequestTimes.VoluntarySwitches(s, requests) is { } v ? ReportFormat.PerRequest(v) : "–",
            PerRequestTimes.InvoluntarySwitches(s, requests) is { } iv ? ReportFormat.PerRequest(iv) : "–",
            s is null ? "–" : s.ThreadsStarted.ToString("N0", CultureInfo.InvariantCulture),
            Shares(),
            a.Tcp is { } t ? t.ListenOverflows.ToString("N0", CultureInfo.InvariantCulture) : "–",
        ];
    }
}
