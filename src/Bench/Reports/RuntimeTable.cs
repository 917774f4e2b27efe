using System.Globalization;
using KEchoBench.Bench.Formatting;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// The table of what the .NET runtime inside each <c>kechobench serve</c> engine did in a scenario,
/// one row per load point and engine (all rounds together): ThreadPool threads and queue at their
/// peak, work items, lock contentions and GC per request (<see cref="RuntimeMetrics"/>), with the
/// reason for the servers that have none. Null when no engine in the scenario had them.
/// </summary>
internal static class RuntimeTable
{
    public static string TitleOf(ScenarioData scenario) => $"Inside the .NET runtime: {scenario.Name}";

    public static ReportTable? For(ScenarioData scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var rows = new List<IReadOnlyList<string>>();
        var without = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (int clients in scenario.ClientCounts)
        {
            foreach (string engine in scenario.Engines)
            {
                if (scenario.At(engine, clients)?.Overall is not { Attribution: { } a } overall)
                {
                    continue;
                }

                if (a.Runtime is { } r)
                {
                    rows.Add(Row(clients, engine, r, overall));
                }
                else if (a.RuntimeAbsent is { } why)
                {
                    without.TryAdd(engine, why);
                }
            }
        }

        if (rows.Count == 0)
        {
            return null;
        }

        string[] notes =
        [
            "The server's own runtime counters (its System.Runtime meter, the ones dotnet-counters shows), read at each round's start and end and every 500 ms between: "
                + "ThreadPool threads and queue length are the most seen at those reads; work items, lock contentions and GC pause are the rounds' totals divided by the requests completed. "
                + "cmwq hands each echo to the ThreadPool (about one work item per request); the other engines run their own threads and complete almost none.",
            .. without.Select(w => $"{w.Key}: none ({w.Value})."),
        ];
        return new ReportTable($"runtime-{scenario.Name}", TitleOf(scenario),
            ["clients", "engine", "ThreadPool threads (peak)", "queue length (peak)", "work items/req", "lock contentions/req", "GCs", "GC pause/req"],
            rows, notes);
    }

    private static IReadOnlyList<string> Row(int clients, string engine, RuntimeMoved r, IterationResult overall)
    {
        static string Figure(IterationMetric metric, IterationResult i, Func<double, string> format) => metric.ValueOf(i) is { } v ? format(v) : "–";
        return
        [
            clients.ToString(CultureInfo.InvariantCulture), engine,
            r.PoolThreadsPeak.ToString("N0", CultureInfo.InvariantCulture),
            r.QueueLengthPeak.ToString("N0", CultureInfo.InvariantCulture),
            Figure(RuntimeMetrics.WorkItems, overall, v => v.ToString("0.00", CultureInfo.InvariantCulture)),
            Figure(RuntimeMetrics.LockContentions, overall, v => v.ToString("0.000", CultureInfo.InvariantCulture)),
            r.GcCollections.ToString("N0", CultureInfo.InvariantCulture),
            Figure(RuntimeMetrics.GcPause, overall, LatencyText.Of),
        ];
    }
}
