using System.Net;
using System.Text.RegularExpressions;
using KEchoBench.Bench.Reports;
using Xunit;

namespace KEchoBench.Tests.Reports;

/// <summary>report.html and summary.md hold every table and every plot, and the HTML needs nothing outside itself.</summary>
[Collection(GeneratedReportCollection.Name)]
public sealed partial class ReportHtmlTests(GeneratedReport report)
{
    private IEnumerable<string> Scenarios => report.Run.Cases.Select(c => c.Scenario).Distinct();

    [Fact]
    public void Html_has_every_table_with_one_row_per_case()
    {
        Assert.Equal(report.Run.Environment.CpuModel, WebUtility.HtmlDecode(Regex.Match(TableHtml("environment"), "<td>CPU</td><td>([^<]*)</td>").Groups[1].Value));
        foreach (string scenario in Scenarios)
        {
            int measured = report.Run.Cases.Count(c => c.Scenario == scenario && c.Failure is null && c.Overall is not null);
            Assert.Equal(measured, BodyRows(TableHtml($"scenario-{scenario}")));
        }

        int kinds = report.Run.Cases.Sum(c => c.ErrorsByKind.Count(k => k.Value > 0));
        Assert.True(kinds > 0, "the fixture is meant to have errors");
        Assert.Equal(kinds, BodyRows(TableHtml("errors")));
        int failed = report.Run.Cases.Count(c => c.Failure is not null);
        Assert.True(failed > 0, "the fixture is meant to have a failed case");
        Assert.Equal(failed, BodyRows(TableHtml("failures")));
    }

    [Fact]
    public void Html_inlines_every_plot_as_svg()
    {
        var stems = report.PlotStems.ToList();
        foreach (string stem in stems)
        {
            Assert.Matches(new Regex($"<figure class=\"plot\" id=\"plot-{Regex.Escape(stem)}\">\\s*<svg\\b"), report.Html);
        }

        Assert.Equal(stems.Count, SvgOpenTag().Matches(report.Html).Count);
    }

    [Fact]
    public void Html_ids_are_unique_so_plots_do_not_borrow_each_others_clip_paths()
    {
        var duplicates = IdAttribute().Matches(report.Html).Select(m => m.Groups[1].Value)
            .GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
        // ...and every url(#id) reference points at an id of the document.
        var ids = IdAttribute().Matches(report.Html).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.All(UrlReference().Matches(report.Html).Select(m => m.Groups[1].Value), id => Assert.Contains(id, ids));
    }

    [Fact]
    public void Html_is_self_contained()
    {
        // Namespace URIs name XML vocabularies; a browser never fetches them.
        string html = NamespaceDeclaration().Replace(report.Html, string.Empty);
        Assert.DoesNotContain("http:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"<(script|img|iframe|embed|object|source|audio|video)\b[^>]*\bsrc\s*=", html);
        Assert.All(HrefValue().Matches(html).Select(m => m.Groups[1].Value),
            href => Assert.True(href.StartsWith('#') || href.StartsWith("data:", StringComparison.Ordinal), href));
        Assert.All(AnyUrl().Matches(html).Select(m => m.Groups[1].Value), url => Assert.StartsWith("#", url, StringComparison.Ordinal));
    }

    [Fact]
    public void Summary_has_every_table_and_every_finding_of_the_html()
    {
        Assert.Contains("## Environment", report.Summary);
        Assert.All(Scenarios, s => Assert.Contains($"## Scenario {s}", report.Summary));
        Assert.Contains("## Errors by kind", report.Summary);
        Assert.Contains("## Cases that did not run", report.Summary);
        int measured = report.Run.Cases.Count(c => c.Failure is null && c.Overall is not null);
        // Scenario tables: one Markdown row per measured case, each starting with its engine name.
        int rows = report.Summary.Split('\n').Count(line => report.Run.Cases.Any(c => line.StartsWith($"| {c.Engine} | {c.Clients} | ", StringComparison.Ordinal)));
        Assert.Equal(measured, rows);

        var htmlFindings = FindingItem().Matches(report.Html).Select(m => WebUtility.HtmlDecode($"{m.Groups[1].Value}: {m.Groups[2].Value}")).ToList();
        var markdownFindings = report.Summary.Split('\n').Where(l => l.StartsWith("- **", StringComparison.Ordinal))
            .Select(l => l.Replace("**", string.Empty, StringComparison.Ordinal)[2..]).ToList();
        Assert.NotEmpty(htmlFindings);
        Assert.Equal(htmlFindings, markdownFindings);
    }

    [Fact]
    public void Spectrum_captions_say_how_many_requests_each_line_rests_on()
    {
        var sweep = report.Run.Cases.Where(c => c.Scenario == "clients" && c.Overall is not null).ToList();
        var top = sweep.GroupBy(c => c.Engine).Select(g => g.MaxBy(c => c.Clients)!).ToList();
        string caption = Regex.Match(WebUtility.HtmlDecode(report.Html), "<b>clients: latency by percentile[^<]*</b>([^<]*)<").Groups[1].Value;

        Assert.All(top, c => Assert.Contains($"{c.Engine} {ReportFormat.Whole(c.Overall!.Latency.Count)}", caption));
    }

    private string TableHtml(string id)
    {
        var match = Regex.Match(report.Html, $"<table id=\"table-{Regex.Escape(id)}\">(.*?)</table>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no table {id} in report.html");
        return match.Groups[1].Value;
    }

    private static int BodyRows(string tableHtml) => Regex.Matches(tableHtml[tableHtml.IndexOf("<tbody>", StringComparison.Ordinal)..], "<tr>").Count;

    [GeneratedRegex(@"<svg\b")]
    private static partial Regex SvgOpenTag();

    [GeneratedRegex(@"\bid=""([^""]+)""")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"url\(#([^)]*)\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex(@"url\(\s*['""]?([^)'""]*)")]
    private static partial Regex AnyUrl();

    [GeneratedRegex(@"\bxmlns(?::\w+)?=""[^""]*""")]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\bhref\s*=\s*""([^""]*)""")]
    private static partial Regex HrefValue();

    [GeneratedRegex(@"<li><b>([^<]*)</b>: ([^<]*)</li>")]
    private static partial Regex FindingItem();
}
