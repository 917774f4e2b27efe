using KEchoBench.Bench.Statistics;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// How sure the report is of a comparison: the interval of a ratio of two cases' medians over
/// their rounds (each case resampled on its own: the rounds of two engines are not pairs), and
/// when that interval tells the two apart. docs/methodology.md says why these settings.
/// </summary>
internal static class Uncertainty
{
    /// <summary>The intervals' confidence.</summary>
    public const double Confidence = 0.95;

    /// <summary>Bootstrap resamples per case and figure.</summary>
    public const int Resamples = MedianBootstrap.DefaultResamples;

    /// <summary>
    /// Two figures are told apart only when the interval of their ratio stays this far from 1
    /// (above 1 + margin or below 1 ÷ (1 + margin)). The rounds of a run share that run's machine;
    /// a rerun also moves what all rounds of a case share (which core the client and server land
    /// on, the neighbours), which no interval over one run's rounds can see.
    /// </summary>
    public const double Margin = 0.10;

    /// <summary><paramref name="x"/>'s median ÷ <paramref name="y"/>'s, with the interval of that ratio over both bootstraps.</summary>
    public static Estimate Ratio(RoundSample x, RoundSample y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        double value = x.Median / y.Median;
        if (x.Replicates is not { } xs || y.Replicates is not { } ys)
        {
            return Estimate.Point(value);
        }

        var (low, high) = MedianBootstrap.PercentileInterval(xs.Select((v, i) => v / ys[i]), Confidence);
        return new Estimate(value, low, high);
    }

    /// <summary>What the ratio x ÷ y says about x against y.</summary>
    public static Difference Compare(Estimate ratio)
    {
        ArgumentNullException.ThrowIfNull(ratio);
        return !ratio.HasInterval ? Difference.NotDistinguishable
            : ratio.Low > 1 + Margin ? Difference.Higher
            : ratio.High < 1 / (1 + Margin) ? Difference.Lower
            : Difference.NotDistinguishable;
    }
}
