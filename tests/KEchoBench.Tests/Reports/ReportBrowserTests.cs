using System.Text.Json;
using KEchoBench.Bench.Reports;
using Xunit;

namespace KEchoBench.Tests.Reports;

/// <summary>
/// report.html opened from disk in a real browser: every plot renders with a size, and nothing is
/// logged to the console. The report's own self-check script records each plot's rendered size and
/// any load error in a hidden element, which the dumped DOM carries back.
/// </summary>
[Collection(GeneratedReportCollection.Name)]
public sealed class ReportBrowserTests(GeneratedReport report)
{
    private sealed record RenderedSize(string Id, int Width, int Height);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    [Fact]
    public async Task Report_opens_from_disk_with_every_plot_rendered_and_no_console_errors()
    {
        string page = Path.Combine(report.Directory, HtmlReport.FileName);
        // A broken copy proves the check can see failures: a script error and a missing image.
        string broken = Path.Combine(report.Directory, "broken.html");
        await File.WriteAllTextAsync(broken, report.Html.Replace("</body>",
            "<img src=\"no-such-image.png\" alt=\"\"><script>noSuchFunction();</script></body>", StringComparison.Ordinal));

        var loads = await Task.WhenAll(HeadlessChromium.LoadAsync(page), HeadlessChromium.LoadAsync(broken));
        var good = loads[0];
        var bad = loads[1];

        string? plotsJson = HeadlessChromium.Attribute(good.Dom, HtmlReport.RenderCheckId, "data-plots");
        Assert.True(plotsJson is not null, "the report's render check did not run");
        var plots = JsonSerializer.Deserialize<List<RenderedSize>>(plotsJson, Json)!;
        Assert.Equal(report.PlotStems.Select(s => "plot-" + s).Order(), plots.Select(p => p.Id).Order());
        Assert.All(plots, p => Assert.True(p.Width > 0 && p.Height > 0, $"{p.Id} rendered {p.Width}x{p.Height}"));
        Assert.Equal("[]", HeadlessChromium.Attribute(good.Dom, HtmlReport.RenderCheckId, "data-errors"));
        Assert.Empty(good.ConsoleMessages);

        Assert.Contains(bad.ConsoleMessages, m => m.Contains("noSuchFunction", StringComparison.Ordinal));
        Assert.Contains("no-such-image.png", HeadlessChromium.Attribute(bad.Dom, HtmlReport.RenderCheckId, "data-errors"));
    }
}
