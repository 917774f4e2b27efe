namespace KEchoBench.Bench.Gate;

/// <summary>
/// A percentile-bootstrap confidence interval of the median of per-pair ratios: resample the
/// pairs with replacement, take each resample's median, read the interval off their spread.
/// Seeded, so that a recorded seed gives the same interval again.
/// </summary>
internal static class MedianBootstrap
{
    public const int DefaultResamples = 2000;

    public static (double Low, double High) Interval(IReadOnlyList<double> values, double confidence, Random random, int resamples = DefaultResamples)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(random);
        if (values.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        var medians = new double[resamples];
        var resample = new double[values.Count];
        for (int b = 0; b < resamples; b++)
        {
            for (int i = 0; i < resample.Length; i++)
            {
                resample[i] = values[random.Next(values.Count)];
            }

            medians[b] = Median(resample);
        }

        Array.Sort(medians);
        double tail = (1 - confidence) / 2;
        return (medians[(int)Math.Floor(tail * (resamples - 1))], medians[(int)Math.Ceiling((1 - tail) * (resamples - 1))]);
    }

    /// <summary>The median (mean of the two middle values for an even count); sorts <paramref name="values"/> in place.</summary>
    public static double Median(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Array.Sort(values);
        int n = values.Length;
        return n == 0 ? double.NaN : n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }
}
