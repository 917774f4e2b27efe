using System.Text.RegularExpressions;

namespace KEchoBench.Bench.Reports;

/// <summary>Saves plots as PNG and SVG and prepares the SVG for inlining.</summary>
internal static partial class PlotRenderer
{
    public static RenderedPlot Render(ReportPlot plot, string directory)
    {
        string png = Path.Combine(directory, plot.Stem + ".png");
        string svg = Path.Combine(directory, plot.Stem + ".svg");
        plot.Plot.SavePng(png, plot.Width, plot.Height);
        string svgText = plot.Plot.GetSvgXml(plot.Width, plot.Height);
        File.WriteAllText(svg, svgText);
        return new RenderedPlot(plot.Stem, plot.Title, plot.Caption, png, svg, Inline(svgText, plot.Stem));
    }

    /// <summary>
    /// SVG text fit to sit inside HTML next to other plots: no XML declaration, ids made unique per plot
    /// (Skia names clip paths cl_1, cl_2... in every file, and in one HTML document the first definition
    /// of an id would clip every later plot), a viewBox so the browser can scale it to the page width,
    /// and an accessible name.
    /// </summary>
    public static string Inline(string svg, string stem)
    {
        string prefix = IdSafe().Replace(stem, "-") + "-";
        string text = XmlDeclaration().Replace(svg, string.Empty).Trim();
        text = IdAttribute().Replace(text, m => $"id=\"{prefix}{m.Groups[1].Value}\"");
        text = UrlReference().Replace(text, m => $"url(#{prefix}{m.Groups[1].Value})");
        text = HrefReference().Replace(text, m => $"{m.Groups[1].Value}=\"#{prefix}{m.Groups[2].Value}\"");
        var size = SizeAttributes().Match(text);
        if (size.Success && !text.Contains("viewBox", StringComparison.Ordinal))
        {
            text = text.Insert(size.Index + size.Length,
                $" viewBox=\"0 0 {size.Groups[1].Value} {size.Groups[2].Value}\" role=\"img\" aria-label=\"{stem}\" data-plot=\"{stem}\"");
        }

        return text;
    }

    [GeneratedRegex(@"^\s*<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"\bid=""([^""]+)""")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex(@"\b((?:xlink:)?href)=""#([^""]+)""")]
    private static partial Regex HrefReference();

    [GeneratedRegex(@"<svg\b[^>]*?\bwidth=""(\d+(?:\.\d+)?)""\s+height=""(\d+(?:\.\d+)?)""")]
    private static partial Regex SizeAttributes();

    [GeneratedRegex(@"[^A-Za-z0-9_-]")]
    private static partial Regex IdSafe();
}
