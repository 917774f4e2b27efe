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

    /// <summary>Which CPUs the load generator and the servers had (<c>--placement</c>); null in runs made before it was recorded.</summary>
    public RunPlacement? Placement { get; init; }
    /// <summary>
    /// Engines asked for that this machine cannot run (engine → why, e.g. io_uring disabled), left
    /// out of the run. Empty when every engine ran.
    /// </summary>
    public IReadOnlyDictionary<string, string> LeftOutEngines { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<CaseResult> Cases { get; init; } = [];

    /// <summary>The capacity searches and scalability fits (<c>--profile capacity</c>); null in other runs.</summary>
    public CapacityResult? Capacity { get; init; }
}
