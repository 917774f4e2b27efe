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

        foreach (var table in content.HeadlineTables)
        {
            md.AppendLine($"## {table.Title}").AppendLine();
            AppendTable(md, table);
            md.AppendLine();
        }

        md.AppendLine("## Findings").AppendLine();
        foreach (var finding in content.Findings)
        {
            md.AppendLine($"- **{finding.Scenario}**: {finding.Text}");
        }

        if (content.Findings.Count == 0)
        {
            md.AppendLine("- No findings: the run has no measured case to compare.");
        }

        md.AppendLine();
        foreach (var table in content.AllTables)
        {
            md.AppendLine($"## {table.Title}").AppendLine();
            if (content.Scenarios.FirstOrDefault(s => $"scenario-{s.Name}" == table.Id) is { } scenario)
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
        return $"{(string.IsNullOrEmpty(e.CpuModel) ? "an unnamed CPU" : e.CpuModel)}, {e.Cores} cores, {(string.IsNullOrEmpty(e.Os) ? "unnamed OS" : e.Os)}, {dotNet}";
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
