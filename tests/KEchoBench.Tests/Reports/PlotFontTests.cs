using KEchoBench.Bench.Reports;
using SkiaSharp;
using Xunit;

namespace KEchoBench.Tests.Reports;

/// <summary>
/// The plots draw their text with the font shipped inside kechobench, so that a machine without
/// fonts still gets labelled plots (SkiaSharp on Linux finds no font there and draws nothing).
/// </summary>
public sealed class PlotFontTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_font_the_plots_ask_for_resolves_to_the_bundled_typeface(bool bold)
    {
        var plot = PlotStyle.New("title", "x", "y");

        string family = plot.Axes.Title.Label.FontName;
        Assert.Equal(BundledFont.FamilyName, family);
        Assert.Same(BundledFont.Typeface(bold), ScottPlot.Fonts.GetTypeface(family, bold, italic: false));
        Assert.True(BundledFont.Typeface(bold).GlyphCount > 1000, "the bundled face has DejaVu Sans's glyphs");
    }

    [Fact]
    public void A_rendered_title_has_ink_where_its_glyphs_are()
    {
        // Same layout both times (a blank title still takes its line): only the glyphs differ.
        long withText = InkIn(PlotStyle.New("Worst latency vs clients", "active clients", "latency"));
        long blank = InkIn(PlotStyle.New(new string(' ', 24), "active clients", "latency"));

        // Twenty-odd glyphs at ScottPlot's title size darken some 400 pixels at this size; no font, none.
        Assert.True(withText - blank > 150, $"title ink: {withText - blank} dark pixels");
    }

    private static long InkIn(ScottPlot.Plot plot)
    {
        byte[] png = plot.GetImageBytes(400, 240, ScottPlot.ImageFormat.Png);
        using var bitmap = SKBitmap.Decode(png);
        long dark = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red + c.Green + c.Blue < 3 * 128)
                {
                    dark++;
                }
            }
        }

        return dark;
    }
}
