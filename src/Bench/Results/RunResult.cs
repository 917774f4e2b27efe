using KEchoBench.Bench.RunEnvironment;

namespace KEchoBench.Bench.Results;

/// <summary>Everything one <c>bench</c> run measured; stored as <c>run.json</c> in its results folder.</summary>
internal sealed record RunResult
{
    public const string FileName = "run.json";

    /// <summary>quick, ci, full or kecho.</summary>
    public required string Profile { get; init; }

    public DateTimeOffset Started { get; init; }

    public DateTimeOffset Finished { get; init; }

    public required EnvironmentInfo Environment { get; init; }

    /// <summary>Engine options used for every case unless a case overrides them.</summary>
    public IReadOnlyDictionary<string, string> EngineOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Extra per-chunk work given to an engine on purpose (<c>bench --inject-work</c>, engine → work),
    /// on top of each scenario's own: a known slowdown for checking that a regression gate catches it.
    /// Empty for a normal run.
    /// </summary>
    public IReadOnlyDictionary<string, string> InjectedWork { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<CaseResult> Cases { get; init; } = [];
}
