namespace KEchoBench.Bench.Reports;

/// <summary>A plot saved as PNG and SVG, with the SVG text ready to inline into the HTML report.</summary>
internal sealed record RenderedPlot(string Stem, string Title, string Caption, string PngFile, string SvgFile, string InlineSvg);
