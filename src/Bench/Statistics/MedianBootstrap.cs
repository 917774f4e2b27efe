namespace KEchoBench.Bench.Statistics;

/// <summary>
/// The percentile bootstrap of a median, shared by the A/B gate (the median of per-pair ratios)
/// and the report (the median of a case's rounds, and ratios of two such medians): resample the
/// values with replacement, take each resample's median, read the interval off their spread.
/// Seeded, so that a recorded seed gives the same interval again.
/// </summary>
internal static class MedianBootstrap
{
    public const int DefaultResamples = 2000;

    public static (double Low, double High) Interval(IReadOnlyList<double> values, double confidence, Random random, int resamples = DefaultResamples)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(random);
        return values.Count == 0 ? (double.NaN, double.NaN) : PercentileInterval(Medians(values, random, resamples), confidence);
    }

    /// <summary>
    /// The bootstrap distribution of the median: one median per resample, in resample order (not
    /// sorted), so that two independent samples' distributions can be combined replicate by
    /// replicate (their ratio, a claim judged on each replicate).
    /// </summary>
    public static double[] Medians(IReadOnlyList<double> values, Random random, int resamples = DefaultResamples)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfZero(values.Count, nameof(values));
        var medians = new double[resamples];
        var resample = new double[values.Count];
        for (int b = 0; b < resamples; b++)
        {
            for (int i = 0; i < resample.Length; i++)
            {
                resample[i] = values[random.Next(values.Count)];
            }

            medians[b] = SampleMedian.SortInPlace(resample);
        }

        return medians;
    }

    /// <summary>
    /// The central <paramref name="confidence"/> share of bootstrap replicates: their (1 − c)/2 and
    /// (1 + c)/2 quantiles. Replicates that are not finite (a ratio over a zero) are left out;
    /// NaN bounds when none is left.
    /// </summary>
    public static (double Low, double High) PercentileInterval(IEnumerable<double> replicates, double confidence)
    {
        ArgumentNullException.ThrowIfNull(replicates);
        double[] sorted = [.. replicates.Where(double.IsFinite).Order()];
        if (sorted.Length == 0)
        {
            return (double.NaN, double.NaN);
        }

        double tail = (1 - confidence) / 2;
        int last = sorted.Length - 1;
        return (sorted[(int)Math.Floor(tail * last)], sorted[(int)Math.Ceiling((1 - tail) * last)]);
    }
}
