using System.Globalization;
using KEchoBench.Bench.Formatting;

namespace KEchoBench.Bench.Results;

/// <summary>
/// The one catalog of an iteration's figures. <c>bench</c>'s columns are <see cref="Columns"/>, in
/// display order (request latency, rate, server and client CPU, server peak threads and memory,
/// errors, clients failed, connect time); <c>compare</c> tests a choice of them by name.
/// A figure written here as one more entry becomes a BenchmarkDotNet column of <c>bench</c> (when it
/// has a <see cref="IterationColumn"/>), a column of <c>bench</c>'s console summary table and a row
/// of <c>load</c>'s (when it has a <see cref="ConsoleColumn"/>), a column of every scenario table of
/// the report, report.html and summary.md (when it has a <see cref="ReportColumn"/>), a plot against
/// clients in the report (when it has a <see cref="IterationMetric.Plot"/>), a metric <c>compare</c>
/// takes by name, a row of the report's verdict for every scenario and load point (when it has a
/// <see cref="VerdictUse"/>), and a metric the <c>ab</c> gate compares (when it has a
/// <see cref="GateUse"/>; system calls and allocations, which no round measures, the gate keeps to
/// itself). The report's other tables list their figures by hand: each shows a new figure only once
/// it is added there too.
/// </summary>
internal static class Metrics
{
    /// <summary>Wall time of the iteration per completed request (BenchmarkDotNet's time per operation): no column, BenchmarkDotNet's own Mean is the round's time.</summary>
    public static IterationMetric Time { get; } = new(
        "time", "iteration wall time per request (BDN: time per operation)", "µs/req", false, null,
        i => i.Requests > 0 ? i.Seconds * 1e6 / i.Requests : null,
        gate: new(GateRound.Closed, "closed loop", 1, 10));

    public static IterationMetric Mean { get; } = Latency("mean", "mean latency", "Latency.Mean", "Mean µs", "Mean request latency (round trip), µs", l => l.MeanUs, new("mean", LatencyCell, 20), new("mean", ReportCell.Latency, 20),
        verdict: new("mean latency", VerdictKind.Latency, PerCompletedRequest: true, 10),
        plot: new("latency-mean", "mean latency", "mean latency", "Mean round-trip latency against active clients; lower is better.", ReportCell.Latency, 10));

    public static IterationMetric P50 { get; } = Latency("p50", "median latency", "Latency.P50", "p50 µs", "Median request latency, µs", l => l.P50Us, null, new("p50", ReportCell.Latency, 30));

    /// <summary>The gate reads it from the open loop (from the intended send time), with twice the margin: tails scatter more than means.</summary>
    public static IterationMetric P99 { get; } = Latency(
        "p99", "99th percentile latency", "Latency.P99", "p99 µs", "99th percentile request latency, µs", l => l.P99Us, new("p99", LatencyCell, 30),
        new("p99", ReportCell.Percentile, 40, Percentile: 99),
        new(GateRound.Open, "open loop at a fixed offered rate, from the intended send time", 2, 20),
        new("p99 latency", VerdictKind.Percentile, PerCompletedRequest: true, 20, Percentile: 99),
        new("latency-p99", "p99 latency", "p99 latency", "99th percentile latency against clients: what 1 request in 100 waits at least.", ReportCell.Percentile, 20));

    public static IterationMetric P999 { get; } = Latency("p99.9", "99.9th percentile latency", "Latency.P999", "p99.9 µs", "99.9th percentile request latency, µs", l => l.P999Us, null, new("p99.9", ReportCell.Percentile, 50, Percentile: 99.9));

    /// <summary>
    /// The verdict ranks the median over rounds of each round's worst round trip (its row's label
    /// says so): one round's max is one request, and a rerun does not repeat it.
    /// </summary>
    public static IterationMetric Max { get; } = Latency(
        "max", "worst latency", "Latency.Max", "Max µs", "Worst request latency, µs", l => l.MaxUs, new("max", LatencyCell, 40), new("max", ReportCell.Latency, 60),
        verdict: new("worst latency (median of the rounds' max)", VerdictKind.WorstLatency, PerCompletedRequest: true, 30),
        plot: new("latency-max", "worst latency", "max latency", "The single worst round trip at each client count: the kecho report's 'worst response time'.", ReportCell.Latency, 30));

    /// <summary>Throughput: higher is better, so a drop is the regression.</summary>
    public static IterationMetric RequestsPerSecond { get; } = new(
        "rps", "requests per second (a drop is a regression)", "req/s", true,
        new("Load.RequestsPerSecond", "Req/s", "Requests completed per second of load round", "N0"),
        i => i.RequestsPerSecond,
        new("requests/s", v => Cell(v, "N0", string.Empty), 10),
        new("requests/s", ReportCell.Whole, 10),
        verdict: new("throughput", VerdictKind.Throughput, PerCompletedRequest: false, 40))
    {
        Plot = new("throughput", "requests/s", "requests per second", "Completed round trips per second against clients; higher is better.", ReportCell.Whole, 40),
    };

    public static IterationMetric ServerCpuPercent { get; } = new(
        "cpu-percent", "server CPU time as a percentage of one core", "%", false,
        new("Server.CpuPercent", "Srv CPU %", "Server CPU time as a percentage of one core, over the measured rounds", "N1"),
        i => i.ServerCpuPercent,
        new("server CPU", v => Cell(v, "0", " %"), 60),
        new("server CPU %", ReportCell.ServerCpu, 90))
    {
        Plot = new("cpu-percent", "server CPU", "server CPU % of one core",
            "Server process CPU time over the run, as a percentage of one core (200 % = both cores of a 2-core machine).", ReportCell.ServerCpu, 50),
    };

    /// <summary>Absent when the server was external (not ours to measure).</summary>
    public static IterationMetric ServerCpuPerRequest { get; } = new(
        "cpu", "server CPU time per request", "µs/req", false,
        new("Server.CpuUsPerRequest", "Srv µs/req", "Server CPU time per request, µs", "N2"),
        i => i.ServerCpuUsPerRequest,
        new("server CPU per request", v => Cell(v, "0.0", " µs"), 50),
        new("server CPU µs/req", ReportCell.ServerCpu, 100),
        new(GateRound.Closed, "closed loop", 1, 30),
        new("server CPU per request", VerdictKind.ServerCpuPerRequest, PerCompletedRequest: true, 50))
    {
        Plot = new("cpu-per-request", "server CPU per request", "server CPU µs per request",
            "Server CPU time divided by completed requests: the cost of one round trip, scheduling included.", ReportCell.ServerCpu, 60),
    };

    public static IterationMetric ClientCpuPercent { get; } = new(
        "client-cpu-percent", "load generator CPU time as a percentage of one core", "%", false,
        new("Client.CpuPercent", "Cli CPU %", "Load generator CPU time as a percentage of one core", "N1"),
        i => i.ClientCpuPercent,
        new("client CPU", v => Cell(v, "0", " %"), 70));

    public static IterationMetric ServerThreads { get; } = new(
        "threads", "server threads at their peak", "threads", false,
        new("Server.PeakThreads", "Srv threads", "Server threads at their peak during the measured rounds", "N0"),
        i => i.ServerThreads,
        reportColumn: new("server threads", ReportCell.Integer, 110));

    public static IterationMetric ServerRss { get; } = new(
        "rss", "server resident memory at its peak", "MB", false,
        new("Server.PeakRssMB", "Srv RSS MB", "Server resident memory at its peak during the measured rounds, MiB", "N1"),
        i => i.ServerRssBytes / 1048576.0,
        reportColumn: new("server RSS MiB", ReportCell.OneDecimal, 120));

    public static IterationMetric Errors { get; } = new(
        "errors", "requests that failed", "requests", false,
        new("Load.Errors", "Errors", "Requests that failed (timeout, reset, refused, mismatch...) over the measured rounds", "N0"),
        i => i.Errors,
        new("errors", v => v is { } errors && errors != 0 ? $"[red]{Cell(errors, "N0", string.Empty)}[/]" : Cell(v, "0", string.Empty), 80),
        new("errors", ReportCell.Whole, 80));

    public static IterationMetric ClientsFailed { get; } = new(
        "clients-failed", "clients whose connection ended on an error", "clients", false,
        new("Load.ClientsFailed", "Clients failed", "Clients whose connection ended on an error, over the measured rounds (one error ends a connection)", "N0"),
        i => i.ClientsFailed);

    public static IterationMetric MeanConnect { get; } = new(
        "connect", "mean connect time", "µs", false,
        new("Connect.Mean", "Connect µs", "Mean connect time of the connections the rounds opened (not part of the request latency), µs", "N1"),
        i => i.Connect is { Count: > 0 } c ? c.MeanUs : null,
        reportColumn: new("connect mean", ReportCell.Latency, 70, AppliesTo: i => i.Connect is not null));

    /// <summary>The figures written in this file, in order.</summary>
    private static readonly IReadOnlyList<IterationMetric> Catalog =
    [
        Time, Mean, P50, P99, P999, Max, RequestsPerSecond, ServerCpuPercent, ServerCpuPerRequest, ClientCpuPercent,
        ServerThreads, ServerRss, Errors, ClientsFailed, MeanConnect, .. AttributionMetrics.All, .. RuntimeMetrics.All,
    ];

    // One reference to both lists, swapped whole, so that no reader sees one list of a catalog and the other of another.
    private static Lists _current = Of(Catalog);

    /// <summary>Every figure.</summary>
    public static IReadOnlyList<IterationMetric> All => _current.All;

    /// <summary>The figures <c>bench</c> shows as columns, in display order.</summary>
    public static IReadOnlyList<IterationMetric> Columns => _current.Columns;

    /// <summary>
    /// Tests only: the catalog as it would be with <paramref name="metric"/> written as its last
    /// entry, until the result is disposed. It exists so that a test can show that adding a figure
    /// is one catalog entry (every consumer that loops over the catalog picks it up) without a
    /// throwaway figure in the shipped catalog. Process-wide: a test that uses it must not run in
    /// parallel with others. Production never calls it, so <see cref="All"/> and <see cref="Columns"/>
    /// are the lists above, unchanged.
    /// </summary>
    internal static IDisposable AddForTest(IterationMetric metric)
    {
        var before = _current;
        _current = Of([.. before.All, metric]);
        return new Restore(() => _current = before);
    }

    private static Lists Of(IReadOnlyList<IterationMetric> all) => new(all, [.. all.Where(m => m.Column is not null)]);

    private sealed record Lists(IReadOnlyList<IterationMetric> All, IReadOnlyList<IterationMetric> Columns);

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    /// <summary>A latency percentile or mean: none for an iteration that timed no request (a starved engine), rather than zeros.</summary>
    private static IterationMetric Latency(string name, string description, string id, string heading, string legend, Func<LatencySummary, double> value, ConsoleColumn? console, ReportColumn report, GateUse? gate = null, VerdictUse? verdict = null, SweepPlot? plot = null) =>
        new(name, description, "µs", false, new(id, heading, legend, "N1"), i => i.Latency.Count == 0 ? null : value(i.Latency), console, report, gate, verdict) { Plot = plot };

    /// <summary>A latency in the console table, in the unit a reader expects; a dash where no round trip completed (there is no latency, not a latency of 0).</summary>
    private static string LatencyCell(double? us) => us is { } value ? LatencyText.Of(value) : "-";

    /// <summary>A figure in the console table, with its unit; a dash where the case has none (no server CPU for an external server).</summary>
    private static string Cell(double? value, string format, string unit) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) + unit : "-";
}
