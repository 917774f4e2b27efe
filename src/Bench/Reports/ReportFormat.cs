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

    /// <summary>Bytes as MiB with one decimal.</summary>
    public static string MiB(long? bytes) => bytes is { } b ? (b / 1024.0 / 1024.0).ToString("0.0", Invariant) : "n/a";

    /// <summary>A figure the measurement cannot resolve: a dash and why, never a number.</summary>
    public static string Unresolved(string reason) => $"– ({reason})";

    /// <summary>A percentile label for spectra: 50 %, 99.9 %...</summary>
    public static string Percentile(double percentile) => percentile.ToString("0.####", Invariant) + "%";
}
