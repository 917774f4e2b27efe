using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;

namespace KEchoBench.Tests.Reports;

/// <summary>One report generated from the fixture, shared by the tests that only read it (rendering takes a second or two).</summary>
public sealed class GeneratedReport : IDisposable
{
    public GeneratedReport()
    {
        Directory = SmallResults.CopyToTemp();
        Written = ReportWriter.Write(Directory);
        Run = RunResultStore.Read(Directory);
        Html = File.ReadAllText(Path.Combine(Directory, HtmlReport.FileName));
        Summary = File.ReadAllText(Path.Combine(Directory, MarkdownSummary.FileName));
    }

    public string Directory { get; }

    public IReadOnlyList<string> Written { get; }

    internal RunResult Run { get; }

    public string Html { get; }

    public string Summary { get; }

    public IEnumerable<string> PlotStems => Written.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)).Select(Path.GetFileNameWithoutExtension)!;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
