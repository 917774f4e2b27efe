using KEchoBench.Bench.Gate;

namespace KEchoBench.Tests.Gate;

/// <summary>
/// Pairs without servers: each restart's head/base ratios drawn around a known slowdown, with a
/// scatter that may differ per restart (a noisy start, then quiet ones). Records what it was asked.
/// </summary>
internal sealed class SyntheticPairs(double slowdown, Func<int, double> scatterOfRestart, int seed) : IPairSource
{
    private readonly Random _random = new(seed);

    public List<IReadOnlyList<bool>> OrdersAsked { get; } = [];

    public Task<IReadOnlyList<RoundPair>> RunRestartAsync(int restart, int firstIndex, IReadOnlyList<bool> headFirst, CancellationToken cancellation)
    {
        OrdersAsked.Add(headFirst);
        double scatter = scatterOfRestart(restart);
        var pairs = new List<RoundPair>();
        for (int i = 0; i < headFirst.Count; i++)
        {
            double baseValue = 10 * (1 + (_random.NextDouble() * 0.1));
            double head = baseValue * slowdown * (1 + ((_random.NextDouble() - 0.5) * 2 * scatter));
            pairs.Add(new RoundPair(firstIndex + i, restart, headFirst[i], Side(baseValue), Side(head)));
        }

        return Task.FromResult<IReadOnlyList<RoundPair>>(pairs);
    }

    /// <summary>Every metric the same figure: the decision of each is the decision of all.</summary>
    private static SideRound Side(double value) =>
        new(GateMetric.All.ToDictionary(m => m.Name, _ => value), 0, 1000, 0);
}
