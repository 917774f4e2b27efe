using System.Globalization;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// How numbers read in tables and findings. One place, so that a finding and the test that checks it
/// against the data agree on rounding. Latencies and ratios read as everywhere else in the program:
/// <see cref="Formatting.LatencyText"/>, <see cref="Formatting.RatioText"/>.
/// </summary>
internal static class ReportFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

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
