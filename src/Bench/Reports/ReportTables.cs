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
    /// Every measured case of a scenario with its overall figures: the case's own columns, then the
    /// figure columns in their order, those of the catalog (every <see cref="Metrics"/> entry with a
    /// <see cref="ReportColumn"/>) among this table's own (<see cref="OwnColumns"/>). A percentile
    /// with fewer than one request beyond it and a CPU figure over rounds too short for the clock are
    /// dashes, explained in the notes.
    /// </summary>
    public static ReportTable Scenario(ScenarioData scenario)
    {
        var measured = scenario.Measured;
        var figures = Metrics.All.Where(m => m.ReportColumn is not null).Select(m => FromCatalog(m, m.ReportColumn!))
            .Concat(OwnColumns)
            .Where(f => f.Shown(measured))
            .OrderBy(f => f.Order)
            .ToList();
        List<string> columns = ["engine", "clients", "requests/client", .. scenario.VaryingParameters, .. figures.Select(f => f.Heading)];
        var rows = measured.Select(c => (IReadOnlyList<string>)[
            c.Engine, c.Clients.ToString(CultureInfo.InvariantCulture), c.Requests.ToString(CultureInfo.InvariantCulture),
            .. scenario.VaryingParameters.Select(p => c.Parameters.GetValueOrDefault(p) ?? "-"),
            .. figures.Select(f => f.Cell(c))]).ToList();
        // The notes explain the dashes of the percentiles the table shows (the uncorrected p99 is one of them).
        double[] percentiles = [.. figures.Select(f => f.Percentile).OfType<double>().Distinct()];
        return new ReportTable($"scenario-{scenario.Name}", $"Scenario {scenario.Name}", columns, rows, DashNotes(measured, percentiles));
    }

    /// <summary>
    /// A figure column of a scenario table: its heading, its place among the figure columns (the
    /// numbering of <see cref="ReportColumn.Order"/>), whether a scenario of these measured cases
    /// shows it, its cell for one of them and, for a latency percentile of the requests, which one.
    /// </summary>
    private sealed record FigureColumn(string Heading, int Order, Func<IReadOnlyList<CaseResult>, bool> Shown, Func<CaseResult, string> Cell, double? Percentile = null);

    /// <summary>
    /// The scenario table's figure columns that are no figure of the catalog, so written here, placed
    /// among the catalog's by their order: how many requests the latencies rest on; the open loop's
    /// latency as a generator blind to coordinated omission would report it, next to the corrected
    /// one; the worst connect time, next to the catalog's mean, where clients connect in the round;
    /// clients served of all, where clients hang up (two counts in one cell); and the idle scenario's
    /// server memory per idle session (RSS growth while they were opened: a figure of the case, not of
    /// a round). Every column that shows a catalog figure comes from the catalog.
    /// </summary>
    private static readonly FigureColumn[] OwnColumns =
    [
        new("requests timed", 15, _ => true, c => ReportFormat.Whole(c.Overall!.Latency.Count)),
        new("uncorrected mean", 62, HasUncorrected, c => c.Overall!.UncorrectedLatency is { } u ? Timed(u, u.MeanUs) : "n/a"),
        new("uncorrected p99", 64, HasUncorrected, c => c.Overall!.UncorrectedLatency is { } u ? Percentile(u, 99, u.P99Us) : "n/a", 99),
        new("connect max", 72, cases => cases.Any(c => c.Overall!.Connect is not null), c => ConnectMax(c.Overall!)),
        new("clients served", 85, cases => cases.Any(c => c.Overall!.ClientsServed + c.Overall.ClientsFailed > 0), c => ClientsServed(c.Overall!)),
        new("KiB per idle session", 130, cases => cases.Any(c => c.IdleMemoryPerSessionBytes is not null),
            c => ReportFormat.OneDecimal(c.IdleMemoryPerSessionBytes / 1024.0)),
    ];

    private static bool HasUncorrected(IReadOnlyList<CaseResult> cases) => cases.Any(c => c.Overall!.UncorrectedLatency is not null);

    /// <summary>A catalog figure's column: shown where some case has the figure (always, for most), its cells as its kind says.</summary>
    private static FigureColumn FromCatalog(IterationMetric metric, ReportColumn column) =>
        new(column.Heading, column.Order,
            cases => column.AppliesTo is not { } applies || cases.Any(c => applies(c.Overall!)),
            c => CatalogCell(metric, column, c),
            column.Cell == ReportCell.Percentile ? PercentileOf(metric, column) : null);

    /// <summary>A catalog figure of a measured case as its <see cref="ReportColumn.Cell"/> kind reads (<see cref="ReportCell"/>).</summary>
    private static string CatalogCell(IterationMetric metric, ReportColumn column, CaseResult c)
    {
        var o = c.Overall!;
        if (column.AppliesTo is { } applies && !applies(o))
        {
            return "n/a";
        }

        double? value = metric.ValueOf(o);
        return column.Cell switch
        {
            ReportCell.Whole => value is { } whole ? ReportFormat.Whole(whole) : "n/a",
            ReportCell.Integer => value is { } integer ? integer.ToString("0", CultureInfo.InvariantCulture) : "n/a",
            ReportCell.OneDecimal => ReportFormat.OneDecimal(value),
            ReportCell.Latency => value is { } us ? LatencyText.Of(us) : "–",
            ReportCell.Percentile => value is { } us && FigureResolution.PercentileUnresolved(o.Latency.Count, PercentileOf(metric, column)) is null
                ? LatencyText.Of(us) : "–",
            ReportCell.ServerCpu => Cpu(c, value),
            _ => throw new InvalidOperationException($"{metric.Name}: no report cell of kind {column.Cell}"),
        };
    }

    private static double PercentileOf(IterationMetric metric, ReportColumn column) =>
        column.Percentile ?? throw new InvalidOperationException($"{metric.Name}: a percentile column names no percentile");

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
