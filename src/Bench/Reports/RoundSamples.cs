using System.Runtime.CompilerServices;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// Where a case's <see cref="RoundSample"/>s come from: the figure of each measured round, kept
/// once per case and figure so that the verdict, the claims and the findings read the same
/// bootstrap (and so the same interval) for the same figure.
/// </summary>
internal static class RoundSamples
{
    private static readonly ConditionalWeakTable<CaseResult, Dictionary<string, RoundSample>> Cache = [];

    public static RoundSample Of(CaseResult c, IterationMetric metric) => Of(c, metric.Name, metric.ValueOf);

    /// <summary>
    /// The rounds' values of a figure named <paramref name="name"/>. Where no round has the figure
    /// but the case's total does (server CPU over rounds each too short for the clock, together
    /// long enough), or the case has no rounds (an old run), the overall figure is its one value:
    /// a figure without an interval.
    /// </summary>
    public static RoundSample Of(CaseResult c, string name, Func<IterationResult, double?> value)
    {
        ArgumentNullException.ThrowIfNull(c);
        var samples = Cache.GetOrCreateValue(c);
        lock (samples)
        {
            if (!samples.TryGetValue(name, out var sample))
            {
                double[] values = [.. c.Iterations.Select(value).OfType<double>().Where(double.IsFinite)];
                if (values.Length == 0 && c.Overall is { } overall && value(overall) is { } total && double.IsFinite(total))
                {
                    values = [total];
                }

                sample = new RoundSample(values, StableSeed($"{c.Key}#{name}"));
                samples[name] = sample;
            }

            return sample;
        }
    }

    /// <summary>
    /// FNV-1a of the text: string.GetHashCode differs between processes, and two cases must not
    /// share a seed (their resamples would pick the same round numbers, pairing rounds that are not pairs).
    /// </summary>
    private static int StableSeed(string text)
    {
        uint hash = 2166136261;
        foreach (char ch in text)
        {
            hash = (hash ^ ch) * 16777619;
        }

        return (int)(hash & 0x7FFFFFFF);
    }
}
