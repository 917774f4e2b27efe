namespace KEchoBench.Bench.Gate;

/// <summary>
/// The pair loop of one case: restarts of both servers, <see cref="AbSettings.PairsPerRestart"/>
/// pairs each in a drawn AB/BA order, a decision once <see cref="AbSettings.MinPairs"/> are in,
/// and on <i>undecided</i> another restart's worth of pairs, up to <see cref="AbSettings.MaxPairs"/>.
/// </summary>
internal static class AbCaseRunner
{
    public static async Task<(IReadOnlyList<RoundPair> Pairs, int Restarts, CaseDecision Decision)> RunAsync(
        IPairSource source, AbSettings settings, Random order, Action<string>? progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(settings);
        var pairs = new List<RoundPair>();
        int restarts = 0;
        CaseDecision? decision = null;
        while (pairs.Count < settings.MaxPairs)
        {
            int count = Math.Min(settings.PairsPerRestart, settings.MaxPairs - pairs.Count);
            var orders = AbOrder.HeadFirst(count, order);
            pairs.AddRange(await source.RunRestartAsync(restarts, pairs.Count, orders, cancellation).ConfigureAwait(false));
            restarts++;
            if (pairs.Count < settings.MinPairs)
            {
                continue;
            }

            decision = CaseDecision.Of(pairs, settings);
            progress?.Invoke($"{pairs.Count} pairs: {decision.Outcome.ToString().ToLowerInvariant()}");
            if (decision.Outcome != GateOutcome.Undecided)
            {
                break;
            }
        }

        return (pairs, restarts, decision ?? CaseDecision.Of(pairs, settings));
    }
}
