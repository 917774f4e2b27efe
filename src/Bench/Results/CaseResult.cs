namespace KEchoBench.Bench.Results;

/// <summary>
/// One benchmark case: a scenario run against one engine at one load point, with its measured
/// iterations and the figures over all of them together.
/// </summary>
internal sealed record CaseResult
{
    /// <summary>Scenario name: clients, burst, blocking, cpu, idle, rate, kecho-bench, kecho-telnet.</summary>
    public required string Scenario { get; init; }

    /// <summary>Engine name (built-in) or <c>external:HOST:PORT</c>.</summary>
    public required string Engine { get; init; }

    /// <summary>Active client connections.</summary>
    public int Clients { get; init; }

    /// <summary>Requests per client per iteration (closed loop), or 0 when the scenario is timed.</summary>
    public int Requests { get; init; }

    /// <summary>
    /// Everything else that defines the case (<see cref="CaseParameters"/>): in every case the
    /// deadline (<c>timeout</c>) and how clients use their connections (<c>connections</c>); then
    /// work model, rate, idle sessions, payload and size as the scenario has them.
    /// </summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Tables of the profile this case belongs to (<see cref="KechoCases.GridSet"/>,
    /// <see cref="KechoCases.SweepSet"/>); empty for the other scenarios. Not part of the key: one
    /// measurement can serve two tables.
    /// </summary>
    public IReadOnlyList<string> Sets { get; init; } = [];

    /// <summary>A stable key: cases with the same key in two runs are compared. Every parameter, the deadline included, is in it.</summary>
    public string Key => $"{Scenario}/{Engine}/clients={Clients}/requests={Requests}"
        + string.Concat(Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"/{p.Key}={p.Value}"));

    public IReadOnlyList<IterationResult> Iterations { get; init; } = [];

    /// <summary>All measured iterations together (latency from the merged histogram).</summary>
    public IterationResult? Overall { get; init; }

    /// <summary>Latency percentile spectrum over all measured iterations.</summary>
    public IReadOnlyList<PercentilePoint> Spectrum { get; init; } = [];

    /// <summary>
    /// Burst scenarios (burst, kecho-bench): mean send-to-echo time per connection slot over the
    /// measured rounds, µs (kecho bench.c's <c>index time_us</c>; also written as
    /// <c>&lt;scenario&gt;/&lt;engine&gt;/bench.txt</c> in the run folder). NaN for a slot that never got an echo.
    /// </summary>
    public IReadOnlyList<double> PerConnectionUs { get; init; } = [];

    /// <summary>
    /// <c>idle</c> scenario: how much the server's resident memory grew while the idle sessions
    /// were opened, per session, in bytes (null when the server's process is not known). With
    /// the default 100 sessions it is a rough figure; hundreds of sessions or more make it stable.
    /// </summary>
    public double? IdleMemoryPerSessionBytes { get; init; }

    /// <summary>Errors by kind over all measured iterations.</summary>
    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init; } = new Dictionary<string, long>();

    /// <summary>Distributed runs (<c>bench --cluster</c>): which host ran what, with how many cores.</summary>
    public IReadOnlyList<PlacementEntry>? Placement { get; init; }

    /// <summary>Distributed runs: each load agent's figures over the measured rounds (requests, errors, client CPU, overloaded or not).</summary>
    public IReadOnlyList<AgentFigures>? Agents { get; init; }

    /// <summary>Set when the case could not run (server did not start, port unusable...): why.</summary>
    public string? Failure { get; init; }
}
