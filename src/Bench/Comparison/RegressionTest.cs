using KEchoBench.Bench.Statistics;
using System.Collections.Concurrent;
using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;
using Pragmastat;

namespace KEchoBench.Bench.Comparison;

/// <summary>
/// The statistical test behind every verdict: two one-sided Mann–Whitney U tests with a relative
/// threshold (Perfolizer's <see cref="MannWhitneyTest"/>), on per-iteration samples.
/// </summary>
/// <remarks>
/// "Slower" means: the current sample is greater than the base sample scaled up by the threshold,
/// with p below alpha (for throughput the roles are swapped: the base is greater than the current
/// scaled up). This is the test BenchmarkDotNet's statistical-test column runs (Perfolizer's
/// <c>SimpleEquivalenceTest</c>), minus its shortcut that calls any shift over ten times the
/// threshold a difference without a test: that shortcut would let two iterations per side decide.
/// A rank test because iteration figures are skewed and have outliers (a GC pause, a scheduler
/// hiccup on a shared machine), and the median ratio is what people read.
/// </remarks>
internal static class RegressionTest
{
    /// <summary>
    /// Perfolizer 0.6.1's Mann–Whitney returns NaN or 0 for unchanged samples beyond about 1000
    /// values per side (an overflow in its large-sample path). Iteration samples never come near;
    /// pooled exports could, so larger sides are reduced to this many evenly spaced order statistics.
    /// </summary>
    public const int MaxSampleSize = 500;

    private static readonly ConcurrentDictionary<(int, int), double> SmallestPValues = new();

    public static MetricComparison Compare(ComparisonMetric metric, IReadOnlyList<double> baseValues, IReadOnlyList<double> currentValues, ComparisonSettings settings)
    {
        if (baseValues.Count == 0 || currentValues.Count == 0)
        {
            return new MetricComparison { Metric = metric, Verdict = Verdict.NoData, BaseCount = baseValues.Count, CurrentCount = currentValues.Count };
        }

        var baseSample = new Sample(Reduce(baseValues));
        var currentSample = new Sample(Reduce(currentValues));
        var threshold = ThresholdOf(settings.ThresholdPercent);
        double baseMedian = Median(baseSample);
        double currentMedian = Median(currentSample);

        // Worse: for times the current is larger, for throughput the base is.
        var (worseX, worseY) = metric.HigherIsBetter ? (baseSample, currentSample) : (currentSample, baseSample);
        double pWorse = OneSidedPValue(worseX, worseY, threshold);
        double pBetter = OneSidedPValue(worseY, worseX, threshold);
        double smallest = SmallestPossiblePValue(baseSample.Size, currentSample.Size);

        var verdict = smallest >= settings.Alpha ? Verdict.TooFewSamples
            : pWorse < settings.Alpha ? Verdict.Slower
            : pBetter < settings.Alpha ? Verdict.Faster
            : Verdict.Same;
        bool movedWorse = metric.HigherIsBetter ? currentMedian < baseMedian : currentMedian > baseMedian;
        double pValue = verdict switch
        {
            Verdict.Slower => pWorse,
            Verdict.Faster => pBetter,
            _ => movedWorse ? pWorse : pBetter,
        };

        return new MetricComparison
        {
            Metric = metric,
            Verdict = verdict,
            BaseCount = baseValues.Count,
            CurrentCount = currentValues.Count,
            BaseMedian = baseMedian,
            CurrentMedian = currentMedian,
            Ratio = baseMedian != 0 ? currentMedian / baseMedian : double.NaN,
            PValue = pValue,
            SmallestPossiblePValue = smallest,
            BaseSpread = RelativeSpread(baseSample),
            CurrentSpread = RelativeSpread(currentSample),
        };
    }

    /// <summary>
    /// The smallest one-sided p-value the test can give for these sample sizes: the p-value of two
    /// samples that do not overlap at all (1 / C(n+m, n) for the exact test). Asked of the test
    /// itself so that it matches whichever distribution Perfolizer uses for large samples.
    /// </summary>
    public static double SmallestPossiblePValue(int baseCount, int currentCount) =>
        SmallestPValues.GetOrAdd((baseCount, currentCount), static sizes =>
        {
            var (n, m) = sizes;
            var high = new Sample(Enumerable.Range(0, n).Select(i => m + 1.0 + i).ToArray()); // every value above every low one
            var low = new Sample(Enumerable.Range(0, m).Select(i => 1.0 + i).ToArray());
            return MannWhitneyTest.Instance.Perform(high, low, AlternativeHypothesis.Greater, Threshold.Zero).PValue.Value;
        });

    /// <summary>The values, or <see cref="MaxSampleSize"/> evenly spaced order statistics of them (same distribution, fewer points).</summary>
    private static double[] Reduce(IReadOnlyList<double> values)
    {
        if (values.Count <= MaxSampleSize)
        {
            return values.ToArray();
        }

        double[] sorted = values.Order().ToArray();
        return Enumerable.Range(0, MaxSampleSize)
            .Select(i => sorted[(int)Math.Round(i * (sorted.Length - 1) / (double)(MaxSampleSize - 1))])
            .ToArray();
    }

    /// <summary>p-value of "x is greater than y scaled up by the threshold".</summary>
    private static double OneSidedPValue(Sample x, Sample y, Threshold threshold) =>
        MannWhitneyTest.Instance.Perform(x, y, AlternativeHypothesis.Greater, threshold).PValue.Value;

    private static Threshold ThresholdOf(double percent) =>
        percent > 0 ? PercentValue.Of(percent).ToThreshold() : Threshold.Zero;

    /// <summary>Robust relative scatter of the iterations; NaN for a single value or a zero center.</summary>
    private static double RelativeSpread(Sample sample)
    {
        if (sample.Size < 2 || sample.Center().NominalValue == 0)
        {
            return double.NaN;
        }

        return sample.RelSpread().NominalValue;
    }

    private static double Median(Sample sample) => SampleMedian.Of(sample.Values);
}
