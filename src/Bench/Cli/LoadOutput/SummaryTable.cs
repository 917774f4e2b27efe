using System.Globalization;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Results;
using KEchoBench.Bench.Terminal;
using Spectre.Console;

namespace KEchoBench.Bench.Cli.LoadOutput;

/// <summary>
/// The human summary of a load run: counts, throughput, latency percentiles, errors by kind, CPU.
/// Its rows are written by hand, several figures to a row and worded by load mode; a catalog figure
/// with a <see cref="ConsoleColumn"/> that they do not show is one more row of the figures table,
/// after them, so that a figure added to the catalog with one appears here with no edit here.
/// </summary>
internal static class SummaryTable
{
    /// <summary>
    /// The catalog's console figures the rows by hand already show (the latency ones in the latency
    /// table): the ones bench's console table shows, which had those rows before the catalog did.
    /// </summary>
    private static readonly IterationMetric[] ShownByHand =
    [
        Metrics.RequestsPerSecond, Metrics.Mean, Metrics.P99, Metrics.Max, Metrics.ServerCpuPerRequest,
        Metrics.ServerCpuPercent, Metrics.ClientCpuPercent, Metrics.Errors,
    ];

    public static void Write(LoadReport report, TextWriter output)
    {
        var console = TerminalOutput.For(output);

        var overall = report.Overall();
        console.Write(Figures(report, overall));
        console.Write(Latency(report, overall));
    }

    /// <summary>Counts, errors by kind, time, throughput and CPU.</summary>
    private static Table Figures(LoadReport report, IterationResult overall)
    {
        var figures = new Table().Border(TableBorder.Rounded).AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        figures.AddRow("connections (established / requested)", $"{report.ConnectionsEstablished:N0} / {report.ConnectionsRequested:N0}");
        figures.AddRow("requests verified", $"{report.Requests:N0}");
        figures.AddRow("errors", report.HasErrors ? $"[red]{report.ErrorCount:N0}[/]" : "0");
        foreach (var (name, count) in report.ErrorsByName.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            figures.AddRow($"  {name}", $"[red]{count:N0}[/]");
        }

        figures.AddRow("measured time", $"{overall.Seconds:0.000} s over {report.Rounds.Count} round(s)");
        figures.AddRow(report.Settings.Mode == LoadMode.Rate ? "achieved rate" : "throughput", $"{overall.RequestsPerSecond:N0} requests/s");
        if (report.Settings.Mode == LoadMode.Rate)
        {
            figures.AddRow("target rate", $"{report.Settings.Rate:N0} requests/s");
        }

        figures.AddRow("client CPU", $"{overall.ClientCpuPercent:0.0} % of a core, {overall.ClientCpuUsPerRequest:0.00} µs/request");
        if (overall.ServerCpuPercent is { } serverCpu)
        {
            figures.AddRow("server CPU", $"{serverCpu:0.0} % of a core, {overall.ServerCpuUsPerRequest:0.00} µs/request");
        }
        else if (overall.ServerThreads is not null)
        {
            figures.AddRow("server CPU", "– " + Markup.Escape(overall.ServerCpuAbsent ?? string.Empty));
        }

        if (overall.ServerThreads is not null)
        {
            figures.AddRow("server threads / RSS", $"{overall.ServerThreads} / {overall.ServerRssBytes / (1024.0 * 1024):0.0} MiB");
        }

        if (report.Settings.Mode == LoadMode.Closed)
        {
            figures.AddRow("clients served in full / failed", $"{overall.ClientsServed:N0} / {overall.ClientsFailed:N0} (over {report.Rounds.Count} round(s))");
        }

        foreach (var metric in Metrics.All.Where(m => m.ConsoleColumn is not null && !ShownByHand.Contains(m)).OrderBy(m => m.ConsoleColumn!.Order))
        {
            figures.AddRow(metric.ConsoleColumn!.Heading, metric.ConsoleColumn.Format(metric.ValueOf(overall)));
        }

        return figures;
    }

    /// <summary>The latency percentiles: the mode's own, uncorrected (open loop) and connect when measured.</summary>
    private static Table Latency(LoadReport report, IterationResult overall)
    {
        var latency = new Table().Border(TableBorder.Rounded).AddColumn("µs");
        var columns = new List<LatencySummary> { overall.Latency };
        latency.AddColumn(new TableColumn(report.Settings.Mode switch
        {
            LoadMode.Rate => "latency (from schedule)",
            LoadMode.Burst => "send to echo",
            _ => "round trip",
        }).RightAligned());
        if (report.Uncorrected is { } uncorrected)
        {
            latency.AddColumn(new TableColumn("uncorrected (from send)").RightAligned());
            columns.Add(HistogramFigures.Summarize(uncorrected));
        }

        if (report.Connect is { } connect)
        {
            latency.AddColumn(new TableColumn("connect").RightAligned());
            columns.Add(HistogramFigures.Summarize(connect));
        }

        AddRow("count", s => s.Count.ToString("N0", CultureInfo.InvariantCulture));
        AddRow("mean", s => Us(s.MeanUs));
        AddRow("stdev", s => Us(s.StdDevUs));
        AddRow("p50", s => Us(s.P50Us));
        AddRow("p90", s => Us(s.P90Us));
        AddRow("p99", s => Us(s.P99Us));
        AddRow("p99.9", s => Us(s.P999Us));
        AddRow("p99.99", s => Us(s.P9999Us));
        AddRow("max", s => Us(s.MaxUs));
        return latency;

        void AddRow(string name, Func<LatencySummary, string> value) =>
            latency.AddRow([name, .. columns.Select(value)]);
    }

    private static string Us(double value) => value.ToString(value < 100 ? "0.00" : "N0", CultureInfo.InvariantCulture);
}
