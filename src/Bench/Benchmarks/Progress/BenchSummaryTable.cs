using System.Globalization;
using KEchoBench.Bench.Results;
using KEchoBench.Bench.Formatting;
using KEchoBench.Bench.Terminal;
using Spectre.Console;

namespace KEchoBench.Bench.Benchmarks.Progress;

/// <summary>The run's cases in one table, after the progress display: the figures a reader compares first.</summary>
internal static class BenchSummaryTable
{
    public static void Write(IReadOnlyList<CaseResult> cases, TextWriter output)
    {
        var console = TerminalOutput.For(output);
        var table = new Table { Border = TerminalOutput.IsTerminal(output) ? TableBorder.Rounded : TableBorder.Ascii }
            .AddColumn("scenario")
            .AddColumn("engine")
            .AddColumn(new TableColumn("clients").RightAligned())
            .AddColumn("parameters")
            .AddColumn(new TableColumn("requests/s").RightAligned())
            .AddColumn(new TableColumn("mean").RightAligned())
            .AddColumn(new TableColumn("p99").RightAligned())
            .AddColumn(new TableColumn("max").RightAligned())
            .AddColumn(new TableColumn("server CPU per request").RightAligned())
            .AddColumn(new TableColumn("server CPU").RightAligned())
            .AddColumn(new TableColumn("client CPU").RightAligned())
            .AddColumn(new TableColumn("errors").RightAligned());
        foreach (var c in cases)
        {
            string[] name = [Markup.Escape(c.Scenario), Markup.Escape(c.Engine), c.Clients.ToString(CultureInfo.InvariantCulture), Markup.Escape(Parameters(c))];
            if (c.Overall is not { } o)
            {
                table.AddRow([.. name, "[red]no result[/]", "", "", "", "", "", "", ""]);
                continue;
            }

            table.AddRow(
                [.. name,
                o.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                Latency(o.Latency, o.Latency.MeanUs),
                Latency(o.Latency, o.Latency.P99Us),
                Latency(o.Latency, o.Latency.MaxUs),
                o.ServerCpuUsPerRequest is { } perRequest ? perRequest.ToString("0.0", CultureInfo.InvariantCulture) + " µs" : "-",
                o.ServerCpuPercent is { } server ? server.ToString("0", CultureInfo.InvariantCulture) + " %" : "-",
                o.ClientCpuPercent.ToString("0", CultureInfo.InvariantCulture) + " %",
                o.Errors == 0 ? "0" : $"[red]{o.Errors.ToString("N0", CultureInfo.InvariantCulture)}[/]"]);
        }

        console.Write(table);
    }

    /// <summary>What else defines the case (the rest of its key): "requests=1000 work=cpu:50us".</summary>
    private static string Parameters(CaseResult c) =>
        string.Join(' ', [.. c.Requests > 0 ? [$"requests={c.Requests}"] : Array.Empty<string>(),
            .. c.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")]);

    /// <summary>A dash where no round trip completed: there is no latency, not a latency of 0.</summary>
    private static string Latency(LatencySummary latency, double us) => latency.Count == 0 ? "-" : LatencyText.Of(us);
}
