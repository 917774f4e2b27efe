using System.Text;

namespace KEchoBench.Bench.Comparison;

/// <summary>Writes a <see cref="ComparisonReport"/> as GitHub-flavoured Markdown, fit for a pull-request comment.</summary>
internal static class ComparisonMarkdownRenderer
{
    public static string Render(ComparisonReport report)
    {
        var md = new StringBuilder();
        md.AppendLine("## kechobench compare");
        md.AppendLine();
        md.AppendLine($"**{Escape(ComparisonText.Conclusion(report))}**");
        md.AppendLine();
        md.AppendLine($"- base: `{report.Base.Source}` ({ComparisonText.Description(report.Base)})");
        md.AppendLine($"- current: `{report.Current.Source}` ({ComparisonText.Description(report.Current)})");
        md.AppendLine($"- test: {Escape(ComparisonText.Method(report.Settings))}");
        md.AppendLine($"- {Escape(ComparisonText.GeometricMeans(report))}");
        md.AppendLine();
        md.AppendLine("| case | metric | base median | current median | ratio | p-value | verdict | n | spread |");
        md.AppendLine("|---|---|--:|--:|--:|--:|---|--:|--:|");
        foreach (var c in report.Cases)
        {
            if (c.Metrics.Count == 0)
            {
                md.AppendLine($"| `{Escape(c.Key)}` | - | - | - | - | - | {Escape(c.Note ?? "no metric")} | - | - |");
                continue;
            }

            foreach (var m in c.Metrics)
            {
                string verdict = m.Verdict switch
                {
                    Verdict.Slower => "**slower**",
                    Verdict.NoData when c.Note is not null => $"no data ({Escape(c.Note)})",
                    _ => VerdictText.Of(m.Verdict),
                };
                md.AppendLine(
                    $"| `{Escape(c.Key)}` | {m.Metric.Name} ({m.Metric.Unit}) | {ComparisonText.Value(m.BaseMedian)} | {ComparisonText.Value(m.CurrentMedian)} | {ComparisonText.Ratio(m.Ratio)} | {ComparisonText.PValue(m.PValue)} | {verdict} | {ComparisonText.Counts(m)} | {ComparisonText.Spreads(m)} |");
            }
        }

        AppendList(md, "Only in base (not compared)", report.OnlyInBase);
        AppendList(md, "Only in current (not compared)", report.OnlyInCurrent);
        AppendList(md, "Skipped", report.Skipped);
        if (report.HasTooFewSamples)
        {
            md.AppendLine();
            md.AppendLine($"> {Escape(ComparisonText.TooFewSamples(report))}");
        }

        if (ComparisonText.Noise(report) is { } noise)
        {
            md.AppendLine();
            md.AppendLine($"> {Escape(noise)}");
        }

        return md.ToString();
    }

    public static void Write(ComparisonReport report, string file)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(file, Render(report));
    }

    private static void AppendList(StringBuilder md, string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        md.AppendLine();
        md.AppendLine($"{title}:");
        md.AppendLine();
        foreach (string item in items)
        {
            md.AppendLine($"- `{Escape(item)}`");
        }
    }

    /// <summary>A pipe would end a table cell.</summary>
    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
