using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace KEchoBench.Bench.Reports;

/// <summary>The common look of every report plot, and the log-axis trick ScottPlot needs.</summary>
internal static class PlotStyle
{
    /// <summary>
    /// Above this max/min spread a linear axis squeezes the small values into one pixel row, so the
    /// axis goes logarithmic (the clients sweep 1…1000 always does).
    /// </summary>
    public const double LogSpread = 30;

    public static Plot New(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        // Sans text reads better at plot sizes; the font ships with the program (BundledFont).
        plot.Font.Set(BundledFont.Use());
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    public static bool NeedsLog(IEnumerable<double> values)
    {
        var positive = values.Where(v => double.IsFinite(v) && v > 0).ToList();
        return positive.Count > 1 && positive.Max() / positive.Min() >= LogSpread;
    }

    /// <summary>ScottPlot has no log scale: plot log10 of the values (floored above zero) and label the ticks with the real values.</summary>
    public static double[] Log(IEnumerable<double> values) => [.. values.Select(v => Math.Log10(Math.Max(v, 1e-3)))];

    public static void LogTicks(IAxis axis, Func<double, string> label) =>
        axis.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = value => label(Math.Pow(10, value)),
        };

    public static void LinearTicks(IAxis axis, Func<double, string> label) =>
        axis.TickGenerator = new NumericAutomatic { LabelFormatter = label };

    public static string CountTick(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string DecimalTick(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
