using KEchoBench.Bench.Terminal;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace KEchoBench.Bench.Comparison;

/// <summary>
/// Writes a <see cref="ComparisonReport"/> as a table: coloured on a terminal, plain ASCII when the
/// output is redirected (CI logs, files, tests).
/// </summary>
internal static class ComparisonConsoleRenderer
{
    public static void Write(ComparisonReport report, TextWriter output)
    {
        var console = TerminalOutput.For(output);
        console.WriteLine($"BASE:    {ComparisonText.Source(report.Base)}");
        console.WriteLine($"CURRENT: {ComparisonText.Source(report.Current)}");
        console.WriteLine($"test:    {ComparisonText.Method(report.Settings)}");
        console.Write(CasesTable(report, TerminalOutput.IsTerminal(output)));
        WriteUncompared(console, report);
        WriteSummary(console, report);
    }

    /// <summary>One row per metric of every case, or one row saying why a case has none.</summary>
    private static Table CasesTable(ComparisonReport report, bool terminal)
    {
        var table = new Table { Border = terminal ? TableBorder.Rounded : TableBorder.Ascii };
        table.AddColumns("case", "metric", "base median", "current median", "ratio", "p-value", "verdict", "n base/current", "spread base/current");
        foreach (var column in table.Columns.Skip(2).Take(4))
        {
            column.RightAligned();
        }

        foreach (var c in report.Cases)
        {
            if (c.Metrics.Count == 0)
            {
                table.AddRow(Cell(c.Key), Cell("-"), Cell("-"), Cell("-"), Cell("-"), Cell("-"), Cell(c.Note ?? "no metric"), Cell("-"), Cell("-"));
                continue;
            }

            foreach (var m in c.Metrics)
            {
                table.AddRow(Row(c, m));
            }
        }

        return table;
    }

    private static IRenderable[] Row(CaseComparison c, MetricComparison m)
    {
        string verdict = VerdictText.Of(m.Verdict) + (m.Verdict == Verdict.NoData && c.Note is not null ? $" ({c.Note})" : string.Empty);
        return
        [
            Cell(c.Key),
            Cell($"{m.Metric.Name} ({m.Metric.Unit})"),
            Cell(ComparisonText.Value(m.BaseMedian)),
            Cell(ComparisonText.Value(m.CurrentMedian)),
            Cell(ComparisonText.Ratio(m.Ratio)),
            Cell(ComparisonText.PValue(m.PValue)),
            new Text(verdict, StyleOf(m.Verdict)),
            Cell(ComparisonText.Counts(m)),
            Cell(ComparisonText.Spreads(m)),
        ];
    }

    /// <summary>The cases only one run has, and the metrics skipped for want of values.</summary>
    private static void WriteUncompared(IAnsiConsole console, ComparisonReport report)
    {
        foreach (string key in report.OnlyInBase)
        {
            console.WriteLine($"only in BASE (not compared): {key}");
        }

        foreach (string key in report.OnlyInCurrent)
        {
            console.WriteLine($"only in CURRENT (not compared): {key}");
        }

        foreach (string skipped in report.Skipped)
        {
            console.WriteLine($"skipped: {skipped}");
        }
    }

    /// <summary>The warnings (too few samples, noise), the geometric means and the conclusion.</summary>
    private static void WriteSummary(IAnsiConsole console, ComparisonReport report)
    {
        if (report.HasTooFewSamples)
        {
            console.Write(new Text(ComparisonText.TooFewSamples(report) + Environment.NewLine, new Style(Color.Yellow)));
        }

        if (ComparisonText.Noise(report) is { } noise)
        {
            console.Write(new Text(noise + Environment.NewLine, new Style(Color.Yellow)));
        }

        console.WriteLine(ComparisonText.GeometricMeans(report));
        console.Write(new Text(ComparisonText.Conclusion(report) + Environment.NewLine, report.HasRegression ? new Style(Color.Red, decoration: Decoration.Bold) : new Style(Color.Green)));
    }

    private static Text Cell(string text) => new(text);

    private static Style StyleOf(Verdict verdict) => verdict switch
    {
        Verdict.Slower => new Style(Color.Red, decoration: Decoration.Bold),
        Verdict.Faster => new Style(Color.Green),
        Verdict.TooFewSamples => new Style(Color.Yellow),
        Verdict.NoData => new Style(Color.Grey),
        _ => Style.Plain,
    };
}
