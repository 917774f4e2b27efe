using System.Net;
using System.Text;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// <c>report.html</c>: one self-contained file (inline SVG plots, inline style and script, no external
/// fonts, scripts, images or network) that opens from disk, from a mail attachment or a CI artefact.
/// </summary>
internal static class HtmlReport
{
    public const string FileName = "report.html";

    /// <summary>Id of the element the self-check script fills with what the browser rendered (see docs/reading-the-report.md).</summary>
    public const string RenderCheckId = "render-check";

    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; padding: 0 1em; color: #222; line-height: 1.45; }
        h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 2em; }
        table { border-collapse: collapse; margin: 1em 0; font-size: .9em; }
        th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: right; white-space: nowrap; }
        th { background: #f3f3f3; } td:first-child, th:first-child, #table-environment td { text-align: left; }
        .table-wrap { overflow-x: auto; }
        figure.plot { margin: 1.5em 0; } figure.plot svg { width: 100%; max-width: 900px; height: auto; display: block; border: 1px solid #eee; }
        figcaption { font-size: .9em; color: #444; max-width: 900px; } .files { color: #777; }
        ul.findings li { margin: .3em 0; } .purpose { color: #444; font-style: italic; }
        nav ul { columns: 2; }
        #table-kecho-claims td { white-space: normal; text-align: left; min-width: 7em; } #table-kecho-claims td:last-child { min-width: 30em; }
        #table-verdict td { white-space: normal; max-width: 14em; } #table-verdict td:nth-child(-n+4), #table-verdict th:nth-child(-n+4) { text-align: left; }
        #table-kecho-claims th { text-align: left; } p.note { font-size: .85em; color: #555; max-width: 900px; }
        """;

    // Runs in the reader's browser; records load errors and each plot's rendered size into a hidden
    // element, so an automated check (and a curious reader) can see that every plot really rendered.
    private const string ErrorCatcher = """
        window.__reportErrors = [];
        window.addEventListener('error', function (e) {
          window.__reportErrors.push(e.message || ('failed to load ' + ((e.target && (e.target.src || e.target.href)) || 'a resource')));
        }, true);
        """;

    // Sizes are taken at once (layout is ready when this last script runs) and again at 'load', when
    // images, had there been any, have failed or arrived: their errors fire only then.
    private const string RenderCheck = """
        (function () {
          function record() {
            var plots = Array.prototype.map.call(document.querySelectorAll('figure.plot'), function (f) {
              var svg = f.querySelector('svg'), r = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
              return { id: f.id, width: Math.round(r.width), height: Math.round(r.height) };
            });
            var out = document.getElementById('render-check');
            out.setAttribute('data-plots', JSON.stringify(plots));
            out.setAttribute('data-errors', JSON.stringify(window.__reportErrors));
          }
          record();
          window.addEventListener('load', record);
        })();
        """;

    public static string Render(ReportContent content)
    {
        var html = new StringBuilder();
        AppendHead(html, content);
        AppendContents(html, content);
        AppendHeadlineSections(html, content);
        AppendFindings(html, content);
        html.AppendLine("<section id=\"environment-section\"><h2>Environment</h2>");
        AppendTable(html, content.Environment);
        html.AppendLine("</section>");
        AppendScenarios(html, content);
        AppendErrorSections(html, content);
        html.AppendLine($"<div id=\"{RenderCheckId}\" hidden></div>");
        html.AppendLine($"<script>{RenderCheck}</script>");
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    /// <summary>The document head (title, style, error catcher), the heading and the line that says what was run.</summary>
    private static void AppendHead(StringBuilder html, ReportContent content)
    {
        var run = content.Run;
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        // An empty inline icon: without it a browser asks for /favicon.ico, which fails from disk.
        html.AppendLine("<link rel=\"icon\" href=\"data:,\">");
        html.AppendLine($"<title>{E(content.Title)}</title>");
        html.AppendLine($"<style>{Style}</style>");
        html.AppendLine($"<script>{ErrorCatcher}</script>");
        html.AppendLine("</head><body>");
        html.AppendLine($"<h1>{E(content.Title)}</h1>");
        html.AppendLine($"<p>{run.Cases.Count} cases on {E(MarkdownSummary.Describe(run))}, profile <b>{E(run.Profile)}</b>. "
            + "Latencies are round trips seen by the client; CPU is the server process's. See docs/reading-the-report.md for how to read each plot.</p>");
    }

    private static void AppendHeadlineSections(StringBuilder html, ReportContent content)
    {
        foreach (var table in content.HeadlineTables)
        {
            html.AppendLine($"<section id=\"section-{E(table.Id)}\"><h2>{E(table.Title)}</h2>");
            AppendTable(html, table);
            if (content.Capacity is { } capacity && ReferenceEquals(table, capacity.Tables[^1]))
            {
                AppendPlots(html, capacity.Plots); // the curves beside the capacity figures
            }

            html.AppendLine("</section>");
        }
    }

    /// <summary>Every finding, with where the time went under it when the breakdown has evidence for it.</summary>
    private static void AppendFindings(StringBuilder html, ReportContent content)
    {
        html.AppendLine("<section id=\"findings\"><h2>Findings</h2><ul class=\"findings\">");
        var timeLines = TimeBreakdown.AfterFindings(content.Findings, content.Scenarios);
        for (int i = 0; i < content.Findings.Count; i++)
        {
            var finding = content.Findings[i];
            html.AppendLine($"<li><b>{E(finding.Scenario)}</b>: {E(finding.Text)}"
                + (timeLines.TryGetValue(i, out string? evidence) ? $"<ul><li><b>{E(finding.Scenario)}</b>, where the time went {E(evidence)}</li></ul>" : "") + "</li>");
        }

        if (content.Findings.Count == 0)
        {
            html.AppendLine("<li>No findings: the run has no measured case to compare.</li>");
        }

        html.AppendLine("</ul></section>");
    }

    /// <summary>One section per scenario: its purpose, its plots, then its tables (all but the first under a heading of their own).</summary>
    private static void AppendScenarios(StringBuilder html, ReportContent content)
    {
        foreach (var scenario in content.Scenarios)
        {
            html.AppendLine($"<section id=\"section-{E(scenario.Name)}\"><h2>Scenario {E(scenario.Name)}</h2>");
            html.AppendLine($"<p class=\"purpose\">{E(ScenarioCatalog.PurposeOf(scenario.Name))}</p>");
            AppendPlots(html, content.Plots[scenario.Name]);

            foreach (var (table, i) in content.ScenarioTables[scenario.Name].Select((t, i) => (t, i)))
            {
                if (i > 0)
                {
                    html.AppendLine($"<h3 id=\"section-{E(table.Id)}\">{E(table.Title)}</h3>");
                }

                AppendTable(html, table);
            }
            html.AppendLine("</section>");
        }
    }

    private static void AppendErrorSections(StringBuilder html, ReportContent content)
    {
        foreach (var table in new[] { content.Errors, content.Failures }.OfType<ReportTable>())
        {
            html.AppendLine($"<section id=\"section-{E(table.Id)}\"><h2>{E(table.Title)}</h2>");
            AppendTable(html, table);
            html.AppendLine("</section>");
        }
    }

    private static void AppendPlots(StringBuilder html, IEnumerable<RenderedPlot> plots)
    {
        foreach (var plot in plots)
        {
            html.AppendLine($"<figure class=\"plot\" id=\"plot-{E(plot.Stem)}\">");
            html.AppendLine(plot.InlineSvg);
            html.AppendLine($"<figcaption><b>{E(plot.Title)}.</b> {E(plot.Caption)} "
                + $"<span class=\"files\">({E(Path.GetFileName(plot.PngFile))}, {E(Path.GetFileName(plot.SvgFile))})</span></figcaption>");
            html.AppendLine("</figure>");
        }
    }

    private static void AppendContents(StringBuilder html, ReportContent content)
    {
        html.AppendLine("<nav><ul>");
        foreach (var table in content.HeadlineTables)
        {
            html.AppendLine($"<li><a href=\"#section-{E(table.Id)}\">{E(table.Title)}</a></li>");
        }

        html.AppendLine("<li><a href=\"#findings\">Findings</a></li><li><a href=\"#environment-section\">Environment</a></li>");
        foreach (var scenario in content.Scenarios)
        {
            html.AppendLine($"<li><a href=\"#section-{E(scenario.Name)}\">Scenario {E(scenario.Name)}</a></li>");
        }

        foreach (var table in new[] { content.Errors, content.Failures }.OfType<ReportTable>())
        {
            html.AppendLine($"<li><a href=\"#section-{E(table.Id)}\">{E(table.Title)}</a></li>");
        }

        html.AppendLine("</ul></nav>");
    }

    private static void AppendTable(StringBuilder html, ReportTable table)
    {
        html.AppendLine($"<div class=\"table-wrap\"><table id=\"table-{E(table.Id)}\"><caption hidden>{E(table.Title)}</caption>");
        html.AppendLine("<thead><tr>" + string.Concat(table.Columns.Select(c => $"<th>{E(c)}</th>")) + "</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            html.AppendLine("<tr>" + string.Concat(row.Select(c => $"<td>{E(c)}</td>")) + "</tr>");
        }

        html.AppendLine("</tbody></table></div>");
        foreach (string note in table.Notes ?? [])
        {
            html.AppendLine($"<p class=\"note\">{E(note)}</p>");
        }
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
