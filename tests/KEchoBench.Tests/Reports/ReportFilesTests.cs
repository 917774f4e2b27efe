using System.Buffers.Binary;
using System.Globalization;
using System.Xml.Linq;
using KEchoBench.Bench.Reports;
using Xunit;

namespace KEchoBench.Tests.Reports;

/// <summary>The report writes every plot the issue asks for, each as a valid PNG and a valid SVG.</summary>
[Collection(GeneratedReportCollection.Name)]
public sealed class ReportFilesTests(GeneratedReport report)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void Every_requested_plot_is_written_for_the_scenarios_in_the_run()
    {
        List<string> expected =
        [
            "clients-latency-mean", "clients-latency-p99", "clients-latency-max", "clients-throughput",
            "clients-cpu-percent", "clients-cpu-per-request", "burst-per-connection", "blocking-bars", "idle-bars",
            .. report.Run.Cases.Select(c => c.Scenario).Distinct().Select(s => $"{s}-spectrum"),
        ];
        var stems = report.PlotStems.ToHashSet();
        Assert.All(expected, stem => Assert.Contains(stem, stems));
        Assert.All(report.PlotStems, stem =>
        {
            Assert.Contains(Path.Combine(report.Directory, stem + ".png"), report.Written);
            Assert.Contains(Path.Combine(report.Directory, stem + ".svg"), report.Written);
        });
        Assert.Contains(Path.Combine(report.Directory, HtmlReport.FileName), report.Written);
        Assert.Contains(Path.Combine(report.Directory, MarkdownSummary.FileName), report.Written);
        Assert.All(report.Written, file => Assert.True(File.Exists(file), file));
    }

    [Fact]
    public void Every_png_has_the_png_signature_and_a_non_empty_ihdr()
    {
        foreach (string stem in report.PlotStems)
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(report.Directory, stem + ".png"));
            Assert.True(bytes.Length > 33, stem);
            Assert.Equal(PngSignature, bytes[..8]);
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
            int width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
            int height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
            Assert.True(width > 0 && height > 0, $"{stem}.png is {width}x{height}");
        }
    }

    [Fact]
    public void Every_svg_parses_as_xml_with_an_svg_root_that_has_a_size()
    {
        XNamespace svg = "http://www.w3.org/2000/svg";
        foreach (string stem in report.PlotStems)
        {
            var document = XDocument.Load(Path.Combine(report.Directory, stem + ".svg"));
            Assert.Equal(svg + "svg", document.Root!.Name);
            double width = double.Parse(document.Root.Attribute("width")!.Value, CultureInfo.InvariantCulture);
            double height = double.Parse(document.Root.Attribute("height")!.Value, CultureInfo.InvariantCulture);
            Assert.True(width > 0 && height > 0, $"{stem}.svg is {width}x{height}");
            Assert.NotEmpty(document.Descendants(svg + "path")); // something was drawn, not just a blank canvas
            Assert.NotEmpty(document.Descendants(svg + "text"));
        }
    }
}
