using KEchoBench.Bench.Formatting;
using System.Globalization;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>Builds the report's tables from a run: environment, one per scenario, errors by kind, failed cases.</summary>
internal static class ReportTables
{
    public static ReportTable Environment(RunResult run)
    {
        var e = run.Environment;
        var rows = new List<IReadOnlyList<string>>
        {
            Row("profile", run.Profile),
            Row("started", run.Started.ToString("u", CultureInfo.InvariantCulture)),
            Row("finished", run.Finished.ToString("u", CultureInfo.InvariantCulture)),
            Row("duration", (run.Finished - run.Started).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)),
            Row("CPU", e.CpuModel),
            Row("cores", e.Cores.ToString(CultureInfo.InvariantCulture)),
            Row("OS", e.Os),
            Row("kernel", e.Kernel),
            Row(".NET", e.DotNet),
            Row("GC", e.GcMode),
            Row("machine", e.MachineName),
        };
        rows.AddRange(e.Limits.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => Row($"limit {l.Key}", l.Value)));
        rows.AddRange(e.DotNetVariables.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => Row(v.Key, v.Value)));
        rows.AddRange(run.EngineOptions.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => Row($"engine option {o.Key}", o.Value)));
        return new ReportTable("environment", "Environment", ["setting", "value"], rows);
    }

    /// <summary>
    /// Every measured case of a scenario with its overall figures. A percentile with fewer than one
    /// request beyond it and a CPU figure over rounds too short for the clock are dashes, explained in the notes.
    /// </summary>
    public static ReportTable Scenario(ScenarioData scenario)
    {
        // Connect time and clients served exist only in runs whose clients connect in the round and hang up.
        bool connects = scenario.Measured.Any(c => c.Overall!.Connect is not null);
        bool clients = scenario.Measured.Any(c => c.Overall!.ClientsServed + c.Overall.ClientsFailed > 0);
        // The open loop's latency as a generator blind to coordinated omission would report it, next to the corrected one.
        bool uncorrected = scenario.Measured.Any(c => c.Overall!.UncorrectedLatency is not null);
        // The idle scenario's server memory per idle session (RSS growth while the idle sessions were opened).
        bool idleMemory = scenario.Measured.Any(c => c.IdleMemoryPerSessionBytes is not null);
        List<string> columns = ["engine", "clients", "requests/client", .. scenario.VaryingParameters,
            "requests/s", "requests timed", "mean", "p50", "p99", "p99.9", "max", .. uncorrected ? ["uncorrected mean", "uncorrected p99"] : Array.Empty<string>(),
            .. connects ? ["connect mean", "connect max"] : Array.Empty<string>(),
            "errors", .. clients ? ["clients served"] : Array.Empty<string>(),
            "server CPU %", "server CPU µs/req", "server threads", "server RSS MiB",
            .. idleMemory ? ["KiB per idle session"] : Array.Empty<string>()];
        var rows = scenario.Measured.Select(c =>
        {
            var o = c.Overall!;
            var l = o.Latency;
            return (IReadOnlyList<string>)[
                c.Engine, c.Clients.ToString(CultureInfo.InvariantCulture), c.Requests.ToString(CultureInfo.InvariantCulture),
                .. scenario.VaryingParameters.Select(p => c.Parameters.GetValueOrDefault(p) ?? "-"),
                ReportFormat.Whole(o.RequestsPerSecond), ReportFormat.Whole(l.Count), Timed(l, l.MeanUs), Timed(l, l.P50Us),
                Percentile(l, 99, l.P99Us), Percentile(l, 99.9, l.P999Us), Timed(l, l.MaxUs),
                .. uncorrected ? Uncorrected(o) : Array.Empty<string>(),
                .. connects ? [ConnectMean(o), ConnectMax(o)] : Array.Empty<string>(),
                ReportFormat.Whole(o.Errors), .. clients ? [ClientsServed(o)] : Array.Empty<string>(),
                Cpu(c, o.ServerCpuPercent), Cpu(c, o.ServerCpuUsPerRequest),
                o.ServerThreads?.ToString(CultureInfo.InvariantCulture) ?? "n/a", ReportFormat.MiB(o.ServerRssBytes),
                .. idleMemory ? [ReportFormat.OneDecimal(c.IdleMemoryPerSessionBytes / 1024.0)] : Array.Empty<string>()];
        }).ToList();
        return new ReportTable($"scenario-{scenario.Name}", $"Scenario {scenario.Name}", columns, rows, DashNotes(scenario.Measured));
    }

    /// <summary>What the dashes of a table of these cases stand for, one sentence per kind of dash (percentiles: those the table shows).</summary>
    public static IReadOnlyList<string> DashNotes(IEnumerable<CaseResult> cases, params double[] percentiles)
    {
        if (percentiles.Length == 0)
        {
            percentiles = [99, 99.9];
        }

        var notes = new List<string>();
        var cpu = cases.Where(c => FigureResolution.CpuUnresolved(c) is not null).ToList();
        if (cpu.Count > 0)
        {
            notes.Add("Server CPU \"–\": no figure the clock can resolve: "
                + string.Join("; ", cpu.Select(c => $"{c.Engine} at {Load(c)}, {FigureResolution.CpuUnresolved(c)}")) + ".");
        }

        if (cases.Any(c => c.Overall is { Latency.Count: 0 }))
        {
            notes.Add("Latency \"–\" in every column: the case completed no round trip, so there is no latency to show.");
        }

        if (cases.Any(c => c.Overall is { } o && o.Latency.Count > 0 && percentiles.Any(p => FigureResolution.PercentileUnresolved(o.Latency.Count, p) is not null)))
        {
            string needs = string.Join(", ", percentiles.Select(FigureResolution.Needs));
            notes.Add($"Percentile \"–\": fewer than one timed request lies beyond it, so it would only repeat the max ({needs} requests); "
                + "\"requests timed\" is how many round trips the latency figures rest on.");
        }

        return notes;
    }

    internal static string Timed(LatencySummary latency, double value) => latency.Count == 0 ? "–" : LatencyText.Of(value);

    internal static string Percentile(LatencySummary latency, double percentile, double value) =>
        FigureResolution.PercentileUnresolved(latency.Count, percentile) is null ? Timed(latency, value) : "–";

    private static string[] Uncorrected(IterationResult o) =>
        o.UncorrectedLatency is { } u ? [Timed(u, u.MeanUs), Percentile(u, 99, u.P99Us)] : ["n/a", "n/a"];

    /// <summary>Mean connect time, or n/a when the clients connected before the rounds (kept open, open loop).</summary>
    internal static string ConnectMean(IterationResult o) => o.Connect is { } c ? Timed(c, c.MeanUs) : "n/a";

    internal static string ConnectMax(IterationResult o) => o.Connect is { } c ? Timed(c, c.MaxUs) : "n/a";

    /// <summary>Clients answered in full out of every client of the measured rounds (one error ends a client's connection).</summary>
    internal static string ClientsServed(IterationResult o) =>
        o.ClientsServed + o.ClientsFailed == 0 ? "n/a" : $"{ReportFormat.Whole(o.ClientsServed)} of {ReportFormat.Whole(o.ClientsServed + o.ClientsFailed)}";

    /// <summary>A case's load as a note names it: clients, and requests where one table mixes request counts (the kecho grid).</summary>
    private static string Load(CaseResult c) =>
        c.Scenario == ScenarioCatalog.KechoTelnet ? $"{c.Clients} × {c.Requests}" : $"{c.Clients} clients";

    internal static string Cpu(CaseResult c, double? value) =>
        FigureResolution.CpuUnresolved(c) is not null ? "–" : value is null ? "n/a" : ReportFormat.OneDecimal(value);

    /// <summary>Errors by kind over every case that had any; null when the run had none.</summary>
    public static ReportTable? Errors(RunResult run)
    {
        var rows = run.Cases
            .SelectMany(c => c.ErrorsByKind.Where(k => k.Value > 0).OrderBy(k => k.Key, StringComparer.Ordinal)
                .Select(k => (IReadOnlyList<string>)[c.Scenario, c.Engine, c.Clients.ToString(CultureInfo.InvariantCulture), k.Key, ReportFormat.Whole(k.Value)]))
            .ToList();
        return rows.Count == 0 ? null : new ReportTable("errors", "Errors by kind", ["scenario", "engine", "clients", "kind", "count"], rows);
    }

    /// <summary>Cases that did not run, with why; null when every case ran.</summary>
    public static ReportTable? Failures(RunResult run)
    {
        var rows = run.Cases.Where(c => c.Failure is not null || c.Overall is null)
            .Select(c => (IReadOnlyList<string>)[c.Scenario, c.Engine, c.Clients.ToString(CultureInfo.InvariantCulture), c.Failure ?? "no figures recorded"])
            .ToList();
        return rows.Count == 0 ? null : new ReportTable("failures", "Cases that did not run", ["scenario", "engine", "clients", "why"], rows);
    }

    private static IReadOnlyList<string> Row(string name, string value) => [name, string.IsNullOrEmpty(value) ? "n/a" : value];
}
