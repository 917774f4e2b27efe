using ScottPlot;

namespace KEchoBench.Bench.Reports;

/// <summary>A plot waiting to be saved: <paramref name="Stem"/> names its files (<c>Stem.png</c>, <c>Stem.svg</c>).</summary>
internal sealed record ReportPlot(string Stem, string Title, string Caption, Plot Plot, int Width = 800, int Height = 480);
