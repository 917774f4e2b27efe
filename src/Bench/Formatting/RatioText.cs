using System.Globalization;

namespace KEchoBench.Bench.Formatting;

/// <summary>
/// A ratio as a factor, "0.31×": the one rule for the report's verdict and findings and for
/// compare. Whole numbers from 10 on (nobody reads "123.45×"); "n/a" when a side was zero or missing.
/// </summary>
internal static class RatioText
{
    /// <summary>The factor with <paramref name="decimals"/> decimals below 10: the report's two, compare's three (its threshold is a few percent).</summary>
    public static string Of(double ratio, int decimals = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        return !double.IsFinite(ratio) ? "n/a"
            : (Math.Abs(ratio) >= 10 ? ratio.ToString("N0", CultureInfo.InvariantCulture) : ratio.ToString("F" + decimals, CultureInfo.InvariantCulture)) + "×";
    }
}
