using MathNet.Numerics.Distributions;
using KEchoBench.Bench.Statistics;
using MathNet.Numerics.Statistics;

namespace KEchoBench.Bench.Capacity;

/// <summary>
/// The maximum sustainable rate over repeated searches: their median (with an odd count, a rate
/// one search's own step sustained), and Student's t interval of their mean at the given confidence.
/// Three searches give t(0.975, 2) = 4.30: a wide interval when the searches disagree, as it should be.
/// </summary>
internal static class CapacityInterval
{
    public static (double Median, double Low, double High) Of(IReadOnlyList<double> maxima, double confidence)
    {
        if (maxima.Count == 0)
        {
            throw new ArgumentException("no maxima", nameof(maxima));
        }

        double median = SampleMedian.Of(maxima);
        if (maxima.Count == 1)
        {
            return (median, maxima[0], maxima[0]);
        }

        double mean = maxima.Mean();
        double halfWidth = StudentT.InvCDF(0, 1, maxima.Count - 1, 1 - ((1 - confidence) / 2)) * maxima.StandardDeviation() / Math.Sqrt(maxima.Count);
        return (median, Math.Max(0, mean - halfWidth), mean + halfWidth);
    }
}
