using KEchoBench.Bench.Capacity;
using KEchoBench.Servers.Configuration;

namespace KEchoBench.Bench.Gate;

/// <summary>Everything that defines an A/B gate run. Defaults keep one run of two engines within about five minutes on two cores.</summary>
internal sealed record AbSettings
{
    public const int DefaultClients = 10;
    public const int DefaultRequests = 500;
    public const int DefaultPairsPerRestart = 6;
    public const int DefaultMinPairs = 18;
    public const int DefaultMaxPairs = 42;
    public const double DefaultMarginPercent = 5;
    public const double DefaultAlpha = 0.01;

    /// <summary>Searches a side: with three, every head search below every base search is p = 1/20 one-sided, the least that can decide.</summary>
    public const int MinCapacitySearches = 3;

    /// <summary>
    /// Searches a side by default: five, because with searches of one build exchangeable, "every head
    /// search below every base search" happens by chance with p = 1/C(2n, n): 1/20 for three a side,
    /// one false alarm in twenty engines gated, and 1/252 for five.
    /// </summary>
    public const int DefaultCapacitySearches = 5;

    public const int DefaultCapacityConnections = 100;

    public static IReadOnlyList<string> DefaultEngines { get; } = ["eventloop", "thread"];

    public required BaseServer Base { get; init; }

    public IReadOnlyList<string> Engines { get; init; } = DefaultEngines;

    /// <summary>Connections of each closed and open loop.</summary>
    public int Clients { get; init; } = DefaultClients;

    /// <summary>Requests per connection in each closed-loop round.</summary>
    public int Requests { get; init; } = DefaultRequests;

    /// <summary>Length of each open-loop round.</summary>
    public TimeSpan RateRound { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Unmeasured closed loop on each fresh server (JIT tiers, pools, caches); its throughput sets the offered rate.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromMilliseconds(700);

    /// <summary>Round pairs between two restarts of both servers.</summary>
    public int PairsPerRestart { get; init; } = DefaultPairsPerRestart;

    /// <summary>Pairs before the first decision.</summary>
    public int MinPairs { get; init; } = DefaultMinPairs;

    /// <summary>Pairs at most: a case still undecided then stays undecided.</summary>
    public int MaxPairs { get; init; } = DefaultMaxPairs;

    public double MarginPercent { get; init; } = DefaultMarginPercent;

    public double Alpha { get; init; } = DefaultAlpha;

    public int Seed { get; init; }

    /// <summary>Work the head's server does on every chunk, on top of the base's (none): a known slowdown.</summary>
    public WorkModel InjectedWork { get; init; } = WorkModel.None;

    public bool Pin { get; init; } = true;

    /// <summary>
    /// <c>--capacity</c>: after each engine's paired rounds, compare the two builds' maximum
    /// sustainable rate (<see cref="CapacityGate"/>): <see cref="CapacitySettings.Repeats"/> searches
    /// a side at the first of <see cref="CapacitySettings.Connections"/>; null when not asked for.
    /// </summary>
    public CapacitySettings? Capacity { get; init; }

    /// <summary>Problems with these settings, each naming its option; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Clients < 1) problems.Add($"--clients {Clients}: must be at least 1");
        if (Requests < 1) problems.Add($"--requests {Requests}: must be at least 1");
        if (PairsPerRestart < 2) problems.Add($"--pairs-per-restart {PairsPerRestart}: must be at least 2 (one AB and one BA)");
        if (MinPairs < 6) problems.Add($"--pairs {MinPairs}: must be at least 6 (fewer cannot reach p < 0.05 in the signed-rank test)");
        if (MaxPairs < MinPairs) problems.Add($"--max-pairs {MaxPairs}: must be at least --pairs ({MinPairs})");
        if (!(MarginPercent > 0 && MarginPercent < 100)) problems.Add($"--margin {MarginPercent}: must be between 0 and 100 percent, exclusive");
        if (!(Alpha > 0 && Alpha < 0.5)) problems.Add($"--alpha {Alpha}: must be between 0 and 0.5, exclusive (e.g. 0.01)");
        if (RateRound <= TimeSpan.Zero) problems.Add("--rate-round: must be positive");
        if (Engines.Count == 0) problems.Add("--engines: name at least one engine");
        if (Capacity is { Repeats: < MinCapacitySearches }) problems.Add($"--capacity-searches {Capacity.Repeats}: must be at least {MinCapacitySearches} (fewer a side cannot separate two builds at p = 0.05)");
        if (Capacity is { Connections: [< 1, ..] }) problems.Add($"--capacity-connections {Capacity.Connections[0]}: must be at least 1");
        return problems;
    }
}
