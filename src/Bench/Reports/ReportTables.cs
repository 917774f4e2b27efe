using System.Globalization;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>Builds the report's tables from a run: environment, one per scenario, errors by kind, failed cases.</summary>
public static class ReportTables
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

    /// <summary>Every measured case of a scenario with its overall figures.</summary>
    public static ReportTable Scenario(ScenarioData scenario)
    {
        List<string> columns = ["engine", "clients", "requests/client", .. scenario.VaryingParameters,
            "requests/s", "mean", "p50", "p99", "p99.9", "max", "errors", "server CPU %", "server CPU µs/req", "server threads", "server RSS MiB"];
        var rows = scenario.Measured.Select(c =>
        {
            var o = c.Overall!;
            var l = o.Latency;
            return (IReadOnlyList<string>)[
                c.Engine, c.Clients.ToString(CultureInfo.InvariantCulture), c.Requests.ToString(CultureInfo.InvariantCulture),
                .. scenario.VaryingParameters.Select(p => c.Parameters.GetValueOrDefault(p) ?? "-"),
                ReportFormat.Whole(o.RequestsPerSecond), ReportFormat.Latency(l.MeanUs), ReportFormat.Latency(l.P50Us),
                ReportFormat.Latency(l.P99Us), ReportFormat.Latency(l.P999Us), ReportFormat.Latency(l.MaxUs),
                ReportFormat.Whole(o.Errors), ReportFormat.OneDecimal(o.ServerCpuPercent), ReportFormat.OneDecimal(o.ServerCpuUsPerRequest),
                o.ServerThreads?.ToString(CultureInfo.InvariantCulture) ?? "n/a", ReportFormat.MiB(o.ServerRssBytes)];
        }).ToList();
        return new ReportTable($"scenario-{scenario.Name}", $"Scenario {scenario.Name}", columns, rows);
    }

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
