using KEchoBench.Bench.Formatting;
using System.Globalization;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// Figures with their intervals, compactly: "2.06× [1.7–2.6]". The bounds get two significant
/// digits (an interval from a handful of rounds is not known to three), the figure the usual format.
/// </summary>
internal static class IntervalFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A ratio and its interval, "2.06× [1.7–2.6]"; the bare ratio when there is no interval.</summary>
    public static string Ratio(Estimate ratio)
    {
        ArgumentNullException.ThrowIfNull(ratio);
        return RatioText.Of(ratio.Value) + (Shown(ratio) ? $" [{Bound(ratio.Low)}–{Bound(ratio.High)}]" : string.Empty);
    }

    /// <summary>A figure and its interval in the figure's own format, "8.87 ms [8.10–9.40 ms]" (the unit once where both ends have it).</summary>
    public static string Figure(Estimate figure, Func<double, string> format)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(format);
        if (!Shown(figure))
        {
            return format(figure.Value);
        }

        string low = format(figure.Low), high = format(figure.High);
        int space = low.LastIndexOf(' ');
        return space > 0 && high.EndsWith(low[space..], StringComparison.Ordinal)
            ? $"{format(figure.Value)} [{low[..space]}–{high}]"
            : $"{format(figure.Value)} [{low}–{high}]";
    }

    /// <summary>An interval is shown where there is one and its rounds differ: every round alike leaves nothing to show.</summary>
    private static bool Shown(Estimate e) => e.HasInterval && e.High > e.Low;

    /// <summary>An interval's end: two significant digits, whole numbers from 10 on.</summary>
    public static string Bound(double value)
    {
        if (!double.IsFinite(value))
        {
            return "n/a";
        }

        double magnitude = Math.Abs(value);
        return magnitude switch
        {
            >= 10 => value.ToString("N0", Invariant),
            >= 1 => value.ToString("0.0", Invariant),
            >= 0.1 => value.ToString("0.00", Invariant),
            0 => "0",
            _ => value.ToString("0.00#", Invariant),
        };
    }
}
