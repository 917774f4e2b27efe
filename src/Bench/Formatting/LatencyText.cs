using System.Globalization;

namespace KEchoBench.Bench.Formatting;

/// <summary>
/// A latency given in µs, in the unit a reader expects (µs below 1 ms, ms below 1 s, else s): the
/// one rule for the report's tables and findings, bench's console summary and the plots' axes.
/// </summary>
internal static class LatencyText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// A figure in a table or sentence: three significant digits where it is small in its unit
    /// ("8.5 µs", "2.06 ms"), one decimal fewer from 10 on ("850 µs", "12.3 ms"); "n/a" when there is none.
    /// </summary>
    public static string Of(double microseconds) =>
        Format(microseconds, scaled => Math.Abs(scaled) < 10 ? "0.0" : "0", scaled => Math.Abs(scaled) < 10 ? "0.00" : "0.0", "0.00");

    /// <summary>An axis label: no trailing zeros ("500 µs", "2 ms", "1.5 s").</summary>
    public static string Tick(double microseconds) =>
        Format(microseconds, _ => "0.###", _ => "0.###", "0.###");

    private static string Format(double microseconds, Func<double, string> micro, Func<double, string> milli, string seconds)
    {
        if (!double.IsFinite(microseconds))
        {
            return "n/a";
        }

        return Math.Abs(microseconds) switch
        {
            < 1_000 => microseconds.ToString(micro(microseconds), Invariant) + " µs",
            < 1_000_000 => (microseconds / 1_000).ToString(milli(microseconds / 1_000), Invariant) + " ms",
            _ => (microseconds / 1_000_000).ToString(seconds, Invariant) + " s",
        };
    }
}
