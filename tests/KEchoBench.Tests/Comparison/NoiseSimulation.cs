using KEchoBench.Bench.Comparison;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace KEchoBench.Tests.Comparison;

/// <summary>
/// Monte Carlo estimate of how often <c>compare</c> cries wolf and how often it misses: draws
/// base and current samples from a <see cref="NoiseScenario"/> (resampling with replacement from a
/// fixed pool of noise, as a bootstrap of a real run would) and counts the "slower" verdicts.
/// Seeded: the same numbers every time, so docs/ci.md can quote them.
/// </summary>
internal sealed class NoiseSimulation
{
    private const int PoolSize = 10_000;

    private readonly NoiseScenario _scenario;
    private readonly double[] _pool;
    private readonly Random _random;
    private readonly Perfolizer.Mathematics.Randomization.RandomGenerator? _drift;

    public NoiseSimulation(NoiseScenario scenario, int seed)
    {
        _scenario = scenario;
        _random = new Random(seed);
        var noise = SyntheticRuns.Noise(scenario.Cv).Random(_random);
        _pool = Enumerable.Range(0, PoolSize)
            .Select(_ => noise.Next() * (_random.NextDouble() < scenario.OutlierShare ? scenario.OutlierFactor : 1))
            .ToArray();
        _drift = scenario.RunDriftCv > 0 ? SyntheticRuns.Noise(scenario.RunDriftCv).Random(_random) : null;
    }

    /// <summary>
    /// Share of pairs with a "slower" verdict when the current build is truly <paramref name="slowdown"/>
    /// times the base. Each side is <paramref name="runsPerSide"/> runs pooled (interleaved base and
    /// head runs), each run with its own drift.
    /// </summary>
    public double SlowerRate(int iterations, double slowdown, ComparisonSettings settings, int pairs, int runsPerSide = 1) =>
        Enumerable.Range(0, pairs).Count(_ => IsSlower(iterations, slowdown, settings, Drifts(runsPerSide), Drifts(runsPerSide))) / (double)pairs;

    /// <summary>
    /// Share of whole comparisons of an unchanged build (<paramref name="tests"/> case-metric tests
    /// each) with at least one "slower". The run drift is drawn once per run and shared by all its
    /// cases, as it is on a real machine.
    /// </summary>
    public double AnySlowerRate(int iterations, int tests, ComparisonSettings settings, int comparisons, int runsPerSide = 1) =>
        Enumerable.Range(0, comparisons).Count(_ =>
        {
            double[] baseDrifts = Drifts(runsPerSide);
            double[] currentDrifts = Drifts(runsPerSide);
            return Enumerable.Range(0, tests).Any(_ => IsSlower(iterations, 1.0, settings, baseDrifts, currentDrifts));
        }) / (double)comparisons;

    private bool IsSlower(int iterations, double slowdown, ComparisonSettings settings, double[] baseDrifts, double[] currentDrifts)
    {
        double[] before = Draw(iterations, 1.0, baseDrifts);
        double[] after = Draw(iterations, slowdown, currentDrifts);
        return RegressionTest.Compare(ComparisonMetric.Time, before, after, settings).Verdict == Verdict.Slower;
    }

    private double[] Drifts(int runs) => Enumerable.Range(0, runs).Select(_ => _drift?.Next() ?? 1.0).ToArray();

    /// <summary>The iterations are spread evenly over the runs of one side.</summary>
    private double[] Draw(int iterations, double factor, double[] drifts) =>
        Enumerable.Range(0, iterations).Select(i => factor * drifts[i * drifts.Length / iterations] * _pool[_random.Next(PoolSize)]).ToArray();

    public override string ToString() => _scenario.Name;
}
