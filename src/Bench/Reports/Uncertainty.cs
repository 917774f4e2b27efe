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
    /// (above 1 + margin or below 1 ÷ (1 + margin)). The interval says how sure one run is; the
    /// margin says which differences a rerun repeats. Measured on two quick runs of one build
    /// (scripts/measure/rerun-change.py): three in four engine-to-engine ratios of mean latency,
    /// throughput and server CPU per request moved by less than 1.20× from one run to the other
    /// (p99 and worst latency: 1.33–1.41×, and their intervals are wider by as much). With 10 %,
    /// rows whose runner-up sat 10–20 % behind named a winner in one run and a tie in the next
    /// (docs/measurements/2026-12-06-verdict-margin.md).
    /// </summary>
    public const double Margin = 0.20;

    /// <summary>
    /// The margin a step of a kecho claim must clear, wider than a verdict row's
    /// <see cref="Margin"/>. A row's verdict rests on one comparison; a claim's rests on up to six
    /// (two steps at each of three load points), and a rerun that moves any one of them across the
    /// margin changes the claim's verdict. So a claim's step is held to the change that nine in ten
    /// engine-to-engine ratios stay within from one run to the next, not three in four: 1.38× over
    /// every figure, measured on three quick runs of one build (scripts/measure/rerun-change.py;
    /// docs/measurements/2026-12-06-claim-margin.md). With the row's 20 %, one of those runs decided
    /// "average response time falls" at 100 clients (cmwq/workqueue 1.39× [1.3–1.5]) and the other
    /// two could not (1.27× [1.2–1.4], 1.13× [1.0–1.4]). On three later runs, not used to choose it,
    /// it agreed on as many claims as 20 % would have (4 of 5), with another claim differing.
    /// </summary>
    public const double ClaimMargin = 0.38;

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

    /// <summary>What the ratio x ÷ y says about x against y, told apart beyond <see cref="Margin"/>.</summary>
    public static Difference Compare(Estimate ratio) => Compare(ratio, Margin);

    /// <summary>What the ratio x ÷ y says about x against y, told apart beyond <paramref name="margin"/>.</summary>
    public static Difference Compare(Estimate ratio, double margin)
    {
        ArgumentNullException.ThrowIfNull(ratio);
        return !ratio.HasInterval ? Difference.NotDistinguishable
            : ratio.Low > 1 + margin ? Difference.Higher
            : ratio.High < 1 / (1 + margin) ? Difference.Lower
            : Difference.NotDistinguishable;
    }
}
