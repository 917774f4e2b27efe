using System.Globalization;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// How numbers read in tables and findings. One place, so that a finding and the test that checks it
/// against the data agree on rounding.
/// </summary>
internal static class ReportFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A ratio as "0.31×": two decimals below 10, whole numbers above (nobody reads "123.45×"); "n/a" when a side was zero or missing.</summary>
    public static string Ratio(double ratio) =>
        !double.IsFinite(ratio) ? "n/a"
        : (Math.Abs(ratio) >= 10 ? ratio.ToString("N0", Invariant) : ratio.ToString("0.00", Invariant)) + "×";

    /// <summary>A latency given in µs, in the unit a reader expects: µs below 1 ms, ms below 1 s, else s.</summary>
    public static string Latency(double microseconds)
    {
        if (!double.IsFinite(microseconds))
        {
            return "n/a";
        }

        double magnitude = Math.Abs(microseconds);
        return magnitude switch
        {
            < 1_000 => microseconds.ToString(magnitude < 10 ? "0.0" : "0", Invariant) + " µs",
            < 1_000_000 => (microseconds / 1_000).ToString(magnitude < 10_000 ? "0.00" : "0.0", Invariant) + " ms",
            _ => (microseconds / 1_000_000).ToString("0.00", Invariant) + " s",
        };
    }

    /// <summary>A count or rate with thousands separators and no decimals.</summary>
    public static string Whole(double value) => double.IsFinite(value) ? value.ToString("N0", Invariant) : "n/a";

    /// <summary>A value with one decimal (CPU %, CPU µs per request).</summary>
    public static string OneDecimal(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.0", Invariant) : "n/a";

    /// <summary>A small count per request (context switches) to about two significant figures: 2.2, 0.95, 0.03, 0.004; whole above 10; 0 when none.</summary>
    public static string PerRequest(double value)
    {
        double magnitude = Math.Abs(value);
        return !double.IsFinite(value) ? "n/a"
            : value == 0 ? "0"
            : value.ToString(magnitude >= 10 ? "N0" : magnitude >= 1 ? "0.0" : magnitude >= 0.01 ? "0.0#" : "0.00#", Invariant);
    }

    /// <summary>A share (0–1) as a whole percentage: "64 %".</summary>
    public static string Share(double share) => double.IsFinite(share) ? (share * 100).ToString("0", Invariant) + " %" : "n/a";

    /// <summary>Bytes as MiB with one decimal.</summary>
    public static string MiB(long? bytes) => bytes is { } b ? (b / 1024.0 / 1024.0).ToString("0.0", Invariant) : "n/a";

    /// <summary>A figure the measurement cannot resolve: a dash and why, never a number.</summary>
    public static string Unresolved(string reason) => $"– ({reason})";

    /// <summary>A percentile label for spectra: 50 %, 99.9 %...</summary>
    public static string Percentile(double percentile) => percentile.ToString("0.####", Invariant) + "%";
}
