namespace KEchoBench.Bench.Reports;

/// <summary>
/// A figure the report computed from a case's rounds (a median over them, or the ratio of two such
/// medians) and its bootstrap interval at <see cref="Uncertainty.Confidence"/>. NaN bounds when the
/// rounds cannot give one (fewer than two rounds with the figure).
/// </summary>
internal sealed record Estimate(double Value, double Low, double High)
{
    /// <summary>A figure without an interval.</summary>
    public static Estimate Point(double value) => new(value, double.NaN, double.NaN);

    public bool HasInterval => double.IsFinite(Low) && double.IsFinite(High);

    /// <summary>How many times its lower end the upper end is: 1 for a figure every round agrees on, 2 for an interval that spans a factor of two.</summary>
    public double Spread => HasInterval && Low > 0 ? High / Low : double.PositiveInfinity;
}
