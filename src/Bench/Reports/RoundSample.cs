using KEchoBench.Bench.Statistics;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// One figure of a case, round by round (each measured round's mean latency, its worst round
/// trip, its requests/s...), with the bootstrap distribution of their median. The rounds of one
/// case are the repeats the run has: the report's intervals are read off them.
/// </summary>
internal sealed class RoundSample
{
    private readonly int _seed;
    private double[]? _replicates;

    public RoundSample(IReadOnlyList<double> values, int seed)
    {
        Values = values;
        _seed = seed;
        Median = values.Count == 0 ? double.NaN : SampleMedian.Of(values);
    }

    /// <summary>The figure of each round that has it, in round order.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>The median over the rounds: the figure the report ranks on.</summary>
    public double Median { get; }

    /// <summary>
    /// The bootstrap medians (<see cref="Uncertainty.Resamples"/> of them, in resample order), or
    /// null with fewer than two rounds: one round says nothing about how far the next would differ.
    /// Seeded from the case and the figure, so a report drawn again shows the same intervals.
    /// </summary>
    public double[]? Replicates =>
        Values.Count < 2 ? null : _replicates ??= MedianBootstrap.Medians(Values, new Random(_seed), Uncertainty.Resamples);

    /// <summary>The median with its interval.</summary>
    public Estimate Estimate
    {
        get
        {
            if (Replicates is not { } replicates)
            {
                return Estimate.Point(Median);
            }

            var (low, high) = MedianBootstrap.PercentileInterval(replicates, Uncertainty.Confidence);
            return new Estimate(Median, low, high);
        }
    }
}
