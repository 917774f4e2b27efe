using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Columns;

/// <summary>
/// The suite's columns, in display order: request latency (mean, p50, p99, p99.9, worst), rate,
/// server and client CPU, server peak threads and memory, errors, clients failed, connect time. BenchmarkDotNet's own Mean
/// column stays: it is the time of a whole load round.
/// </summary>
internal static class LoadMetrics
{
    public static LoadMetric MeanLatency { get; } = Latency("Latency.Mean", "Mean µs", "Mean request latency (round trip), µs", 0, l => l.MeanUs);

    public static LoadMetric P50Latency { get; } = Latency("Latency.P50", "p50 µs", "Median request latency, µs", 1, l => l.P50Us);

    public static LoadMetric P99Latency { get; } = Latency("Latency.P99", "p99 µs", "99th percentile request latency, µs", 2, l => l.P99Us);

    public static LoadMetric P999Latency { get; } = Latency("Latency.P999", "p99.9 µs", "99.9th percentile request latency, µs", 3, l => l.P999Us);

    public static LoadMetric MaxLatency { get; } = Latency("Latency.Max", "Max µs", "Worst request latency, µs", 4, l => l.MaxUs);

    public static LoadMetric RequestsPerSecond { get; } = new(
        "Load.RequestsPerSecond", "Req/s", "Requests completed per second of load round", "req/s", true, 5, "N0", i => i.RequestsPerSecond);

    public static LoadMetric ServerCpuPercent { get; } = new(
        "Server.CpuPercent", "Srv CPU %", "Server CPU time as a percentage of one core, over the measured rounds", "%", false, 6, "N1", i => i.ServerCpuPercent);

    public static LoadMetric ServerCpuPerRequest { get; } = new(
        "Server.CpuUsPerRequest", "Srv µs/req", "Server CPU time per request, µs", "µs", false, 7, "N2", i => i.ServerCpuUsPerRequest);

    public static LoadMetric ClientCpuPercent { get; } = new(
        "Client.CpuPercent", "Cli CPU %", "Load generator CPU time as a percentage of one core", "%", false, 8, "N1", i => i.ClientCpuPercent);

    public static LoadMetric ServerPeakThreads { get; } = new(
        "Server.PeakThreads", "Srv threads", "Server threads at their peak during the measured rounds", "threads", false, 9, "N0", i => i.ServerThreads);

    public static LoadMetric ServerPeakRss { get; } = new(
        "Server.PeakRssMB", "Srv RSS MB", "Server resident memory at its peak during the measured rounds, MiB", "MB", false, 10, "N1", i => i.ServerRssBytes / 1048576.0);

    public static LoadMetric Errors { get; } = new(
        "Load.Errors", "Errors", "Requests that failed (timeout, reset, refused, mismatch...) over the measured rounds", "requests", false, 11, "N0", i => i.Errors);

    public static LoadMetric ClientsFailed { get; } = new(
        "Load.ClientsFailed", "Clients failed", "Clients whose connection ended on an error, over the measured rounds (one error ends a connection)", "clients", false, 12, "N0", i => i.ClientsFailed);

    public static LoadMetric MeanConnect { get; } = new(
        "Connect.Mean", "Connect µs", "Mean connect time of the connections the rounds opened (not part of the request latency), µs", "µs", false, 13, "N1",
        i => i.Connect is { Count: > 0 } c ? c.MeanUs : null);

    public static IReadOnlyList<LoadMetric> All { get; } =
    [
        MeanLatency, P50Latency, P99Latency, P999Latency, MaxLatency, RequestsPerSecond,
        ServerCpuPercent, ServerCpuPerRequest, ClientCpuPercent, ServerPeakThreads, ServerPeakRss, Errors,
        ClientsFailed, MeanConnect,
    ];

    private static LoadMetric Latency(string id, string name, string legend, int priority, Func<LatencySummary, double> value) =>
        new(id, name, legend, "µs", false, priority, "N1", i => i.Latency.Count == 0 ? null : value(i.Latency));
}
