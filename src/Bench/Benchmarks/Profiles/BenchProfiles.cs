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
    /// Enough to catch a large regression within 3 minutes: one middle point per scenario and
    /// 5 measured rounds (the fewest with which Mann–Whitney can reach p &lt; 0.05 against 5).
    /// </summary>
    public static BenchProfile Ci { get; } = new()
    {
        Name = "ci",
        WarmupCount = 1,
        IterationCount = 5,
        ClientsSweep = [100],
        RequestsPerClient = 20,
        BurstConnections = 200,
        BlockingRequests = 10,
        CpuClients = [10],
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
