using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Capacity;

/// <summary>
/// The scalability fit of every engine's closed-loop clients sweep in a run (<c>clients</c> scenario,
/// throughput against clients). A load point where the engine failed more than 1 % of its requests is
/// left out: its rate is not the engine's throughput at that concurrency, only what got through.
/// </summary>
internal static class ScalabilityFits
{
    public const double MaxFailedShare = 0.01;

    public static IReadOnlyList<ScalabilityFit> From(IEnumerable<CaseResult> cases) =>
    [
        .. cases
            .Where(c => c.Scenario == ScenarioCatalog.Clients && c.Failure is null && c.Overall is { } o && o.Requests > 0
                && o.Errors <= MaxFailedShare * (o.Requests + o.Errors))
            .GroupBy(c => c.Engine, StringComparer.Ordinal)
            .Select(g => UslFitter.Fit(g.Key, [.. g.OrderBy(c => c.Clients).Select(c => new ScalabilityPoint(c.Clients, c.Overall!.RequestsPerSecond))])),
    ];

    /// <summary>Whether a run's sweep can carry a fit at all (enough client counts).</summary>
    public static bool Dense(IEnumerable<CaseResult> cases) =>
        cases.Where(c => c.Scenario == ScenarioCatalog.Clients).Select(c => c.Clients).Distinct().Count() >= UslFitter.MinPoints;
}
