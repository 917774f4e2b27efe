namespace KEchoBench.Bench.Benchmarks.Profiles;

/// <summary>The three named profiles of <c>kechobench bench --profile</c>.</summary>
public static class BenchProfiles
{
    public const string DefaultName = "quick";

    /// <summary>
    /// Every scenario and engine at the points that tell the story (one client, a hundred, a
    /// thousand), 5 measured rounds each: the README's main job, within 5 minutes on 2 cores.
    /// </summary>
    public static BenchProfile Quick { get; } = new()
    {
        Name = "quick",
        WarmupCount = 1,
        IterationCount = 5,
        ClientsSweep = [1, 100, 1000],
        RequestsPerClient = 20,
        BlockingRequests = 10,
        CpuClients = [1, 100],
        RateDuration = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>
    /// The regression gate (docs/ci.md). Only the two closed-loop scenarios whose rounds repeat:
    /// <c>clients</c> at one and ten clients and <c>cpu</c> at ten. Left out, because between two
    /// runs of one build they moved by more than any useful threshold: <c>burst</c> (a connect
    /// storm), <c>idle</c> (1000-thread scheduling on <c>thread</c>), <c>blocking</c> (rides on the
    /// ThreadPool's thread injection) and <c>rate</c> (a fixed-rate round has a fixed time; its
    /// latency rides on a few stalls). Every round sends at least 5000 requests (a few hundred
    /// milliseconds, not the 1–50 ms of a 20-request round) and 20 are measured: on a shared 2-core
    /// machine single rounds scatter by 10–25 %, and only many of them pin a median down.
    /// </summary>
    public static BenchProfile Ci { get; } = new()
    {
        Name = "ci",
        Scenarios = ["clients", "cpu"],
        WarmupCount = 2,
        IterationCount = 20,
        ClientsSweep = [1, 10],
        RequestsPerClient = 20,
        MinRequestsPerRound = 5000,
        CpuClients = [10],
        BurstConnections = 200,
        BlockingRequests = 10,
        RateDuration = TimeSpan.FromMilliseconds(300),
    };

    /// <summary>
    /// Every point, 20 measured rounds: with 20 against 20 the Mann–Whitney test resolves
    /// differences far below 5 % significance, and p99/max get a distribution, not an anecdote.
    /// </summary>
    public static BenchProfile Full { get; } = new()
    {
        Name = "full",
        WarmupCount = 2,
        IterationCount = 20,
        Timeout = TimeSpan.FromSeconds(2),
        RateDuration = TimeSpan.FromSeconds(1),
    };

    public static IReadOnlyList<BenchProfile> All { get; } = [Quick, Ci, Full];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(p => p.Name)];

    public static bool TryGet(string? name, out BenchProfile profile)
    {
        profile = All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return profile is not null;
    }
}
