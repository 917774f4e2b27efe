using System.Globalization;
using KEchoBench.Bench.Results;
using KEchoBench.Bench.Terminal;
using Spectre.Console;

namespace KEchoBench.Bench.Benchmarks.Progress;

/// <summary>
/// The run's cases in one table, after the progress display: the figures a reader compares first.
/// The case's own columns (scenario, engine, clients, parameters) are written here; the figures are
/// the catalog's entries that have a <see cref="ConsoleColumn"/>, by its <see cref="ConsoleColumn.Order"/>.
/// </summary>
internal static class BenchSummaryTable
{
    public static void Write(IReadOnlyList<CaseResult> cases, TextWriter output)
    {
        var console = TerminalOutput.For(output);
        var table = new Table { Border = TerminalOutput.IsTerminal(output) ? TableBorder.Rounded : TableBorder.Ascii }
            .AddColumn("scenario")
            .AddColumn("engine")
            .AddColumn(new TableColumn("clients").RightAligned())
            .AddColumn("parameters");
        var figures = Figures();
        foreach (var (_, column) in figures)
        {
            table.AddColumn(new TableColumn(column.Heading).RightAligned());
        }

        foreach (var c in cases)
        {
            string[] name = [Markup.Escape(c.Scenario), Markup.Escape(c.Engine), c.Clients.ToString(CultureInfo.InvariantCulture), Markup.Escape(Parameters(c))];
            if (c.Overall is not { } o)
            {
                table.AddRow([.. name, .. figures.Select((_, i) => i == 0 ? "[red]no result[/]" : "")]);
                continue;
            }

            table.AddRow([.. name, .. figures.Select(f => f.Column.Format(f.Metric.ValueOf(o)))]);
        }

        console.Write(table);
    }

    /// <summary>What else defines the case (the rest of its key): "requests=1000 work=cpu:50us".</summary>
    private static string Parameters(CaseResult c) =>
        string.Join(' ', [.. c.Requests > 0 ? [$"requests={c.Requests}"] : Array.Empty<string>(),
            .. c.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")]);

    /// <summary>The catalog's figures that ask for a console column, by <see cref="ConsoleColumn.Order"/> (catalog order among equals).</summary>
    private static List<(IterationMetric Metric, ConsoleColumn Column)> Figures() =>
        [.. Metrics.All.Where(m => m.ConsoleColumn is not null).Select(m => (m, m.ConsoleColumn!)).OrderBy(f => f.Item2.Order)];
}
