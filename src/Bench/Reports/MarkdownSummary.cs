using System.Text;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary><c>summary.md</c>: the findings and every table in GitHub Markdown, short enough for a pull-request comment.</summary>
internal static class MarkdownSummary
{
    public const string FileName = "summary.md";

    public static string Render(ReportContent content)
    {
        var run = content.Run;
        var md = new StringBuilder();
        md.AppendLine($"# {content.Title}").AppendLine();
        md.AppendLine($"{run.Cases.Count} cases on {Describe(run)}. Plots and the full report: `report.html` in the results folder.").AppendLine();
        foreach (var (engine, reason) in run.LeftOutEngines)
        {
            md.AppendLine($"Engine `{engine}` left out: {reason}.").AppendLine();
        }

        foreach (var table in content.HeadlineTables)
        {
            md.AppendLine($"## {table.Title}").AppendLine();
            AppendTable(md, table);
            md.AppendLine();
            if (content.Capacity is { Plots.Count: > 0 } capacity && ReferenceEquals(table, capacity.Tables[^1]))
            {
                md.AppendLine("Curves: " + string.Join(", ", capacity.Plots.Select(p => $"[{p.Stem}]({Path.GetFileName(p.PngFile)})"))).AppendLine();
            }
        }

        md.AppendLine("## Findings").AppendLine();
        var timeLines = TimeBreakdown.AfterFindings(content.Findings, content.Scenarios);
        for (int i = 0; i < content.Findings.Count; i++)
        {
            var finding = content.Findings[i];
            md.AppendLine($"- **{finding.Scenario}**: {finding.Text}");
            if (timeLines.TryGetValue(i, out string? evidence))
            {
                md.AppendLine($"  - **{finding.Scenario}**, where the time went {evidence}");
            }
        }

        if (content.Findings.Count == 0)
        {
            md.AppendLine("- No findings: the run has no measured case to compare.");
        }

        md.AppendLine();
        foreach (var table in content.AllTables)
        {
            md.AppendLine($"## {table.Title}").AppendLine();
            var scenario = content.Scenarios.FirstOrDefault(s => $"scenario-{s.Name}" == table.Id);
            if (scenario is not null)
            {
                md.AppendLine(ScenarioCatalog.PurposeOf(scenario.Name)).AppendLine();
                var plots = content.Plots[scenario.Name];
                if (plots.Count > 0)
                {
                    md.AppendLine("Plots: " + string.Join(", ", plots.Select(p => $"[{p.Stem}]({Path.GetFileName(p.PngFile)})"))).AppendLine();
                }
            }

            AppendTable(md, table);
            md.AppendLine();
        }

        return md.ToString();
    }

    internal static string Describe(Results.RunResult run)
    {
        var e = run.Environment;
        // The probe records the runtime's own description (".NET 10.0.12"); older runs hold the bare version.
        string dotNet = e.DotNet.StartsWith(".NET", StringComparison.Ordinal) ? e.DotNet : $".NET {e.DotNet}";
        // Runs before --placement record none: they ran shared.
        string placement = run.Placement is { } p ? $"; placement {p.Describe()}" : string.Empty;
        return $"{(string.IsNullOrEmpty(e.CpuModel) ? "an unnamed CPU" : e.CpuModel)}, {e.Cores} cores, {(string.IsNullOrEmpty(e.Os) ? "unnamed OS" : e.Os)}, {dotNet}{placement}";
    }

    private static void AppendTable(StringBuilder md, ReportTable table)
    {
        md.AppendLine("| " + string.Join(" | ", table.Columns.Select(Cell)) + " |");
        md.AppendLine("|" + string.Concat(table.Columns.Select(_ => " --- |")));
        foreach (var row in table.Rows)
        {
            md.AppendLine("| " + string.Join(" | ", row.Select(Cell)) + " |");
        }

        foreach (string note in table.Notes ?? [])
        {
            md.AppendLine().AppendLine(note);
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
