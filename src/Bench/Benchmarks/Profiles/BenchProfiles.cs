using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Profiles;

/// <summary>The three named profiles of <c>kechobench bench --profile</c>.</summary>
internal static class BenchProfiles
{
    public const string DefaultName = "quick";

    /// <summary>
    /// Warm-up rounds of the profiles whose closed-loop rounds last about 150 ms (quick, full): a
    /// server started for a case settles (JIT tiers, pool threads) over about four such rounds,
    /// measured in docs/measurements/2026-12-06-warmup.md (scripts/measure/warmup-rounds.py).
    /// </summary>
    public const int WarmupRounds = 4;

    /// <summary>Client counts dense enough around 20 for the kecho claim and for a scalability fit.</summary>
    public static IReadOnlyList<int> DenseSweep { get; } = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

    /// <summary>
    /// Every scenario and engine at the points that tell the story (one client, a hundred, a
    /// thousand), 10 measured rounds each: the README's main job, within 5 minutes on 2 quiet
    /// cores. Ten, not five: the report's intervals are bootstraps over a case's rounds, and over
    /// five rounds the interval of a median is about their whole range
    /// (docs/measurements/2026-12-05-verdict-reproducibility.md). Four warm-up rounds, not one:
    /// with one, the first three measured rounds of six runs were still warming up (server CPU of
    /// the clients and cpu scenarios 6–13 % above the later rounds' median, and 23–38 % of cases
    /// more than 20 % above it, against 0–2 % from the fourth round on), and those rounds decided
    /// where an interval ended: a claim's verdict turned on them
    /// (<see cref="WarmupRounds"/>; docs/measurements/2026-12-06-warmup.md).
    /// </summary>
    public static BenchProfile Quick { get; } = new()
    {
        Name = "quick",
        WarmupCount = WarmupRounds,
        IterationCount = 10,
        ClientsSweep = [1, 100, 1000],
        RequestsPerClient = 20,
        MinRoundDuration = TimeSpan.FromMilliseconds(150),
        Timeout = TimeSpan.FromSeconds(2),
        BlockingRequests = 10,
        CpuClients = [1, 100],
        RateDuration = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>
    /// The regression gate (docs/ci.md): the <c>cpu</c> scenario only, ten clients whose every
    /// request spins 50 µs on the server, so that both cores stay busy and each engine's server
    /// CPU per request (what <c>compare</c> tests by default) repeats between runs of one build
    /// within ±10 %. Rounds of 10 000 requests, 20 measured. Left out because, measured over twelve
    /// pairs of runs of one build, they moved by more than any useful threshold: <c>clients</c>
    /// (wall time 0.6–1.6× and CPU per request 0.7–1.5× between runs; at one client every echo
    /// waits for an idle core to wake), <c>burst</c>, <c>idle</c>, <c>blocking</c> and <c>rate</c>.
    /// The workqueue gets 16 workers, so that its ten clients run at once as on the other engines
    /// instead of queueing behind two workers.
    /// </summary>
    public static BenchProfile Ci { get; } = new()
    {
        Name = "ci",
        Scenarios = ["cpu"],
        WarmupCount = 2,
        IterationCount = 20,
        ClientsSweep = [10],
        RequestsPerClient = 20,
        MinRequestsPerRound = 10_000,
        CpuClients = [10],
        WorkqueueWorkers = 16,
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
        WarmupCount = WarmupRounds,
        IterationCount = 20,
        Timeout = TimeSpan.FromSeconds(2),
        MinRoundDuration = TimeSpan.FromMilliseconds(150),
        RateDuration = TimeSpan.FromSeconds(1),
        ClientsSweep = DenseSweep,
    };

    /// <summary>
    /// Where each model breaks (docs/benchmarks.md, <i>Capacity</i>): the clients scenario over the
    /// dense sweep that the scalability fit and the "past 20 clients" claim need (1 warm-up and 2
    /// measured rounds of at least 150 ms per point), then the capacity searches: open-loop steps at
    /// 100 and 1000 connections, three whole searches per engine. About 6 minutes on 2 cores.
    /// </summary>
    public static BenchProfile Capacity { get; } = new()
    {
        Name = "capacity",
        Scenarios = ["clients"],
        WarmupCount = 1,
        IterationCount = 2,
        ClientsSweep = DenseSweep,
        RequestsPerClient = 20,
        MinRoundDuration = TimeSpan.FromMilliseconds(150),
        Timeout = TimeSpan.FromSeconds(2),
        Capacity = new(),
    };

    /// <summary>
    /// The kecho study's own experiments, as they were (<see cref="KechoCases"/>): bench.c's
    /// 1000-connection burst (10 rounds) and the telnet script's clients × requests grid and
    /// clients sweep (5 measured rounds each, a round repeating the test until it has lasted 150 ms;
    /// 10 s timeout), every engine. The tests keep the study's sizes, since the seconds per test are
    /// the point and they need the study's load points; a burst round is one test, as bench.c's was.
    /// </summary>
    public static BenchProfile Kecho { get; } = new()
    {
        Name = "kecho",
        Scenarios = [KechoCases.BenchScenario, KechoCases.TelnetScenario],
        WarmupCount = 1,
        IterationCount = KechoCases.TelnetRounds,
        Timeout = KechoCases.Timeout,
        BurstConnections = KechoCases.BenchConnections,
    };

    public static IReadOnlyList<BenchProfile> All { get; } = [Quick, Ci, Full, Kecho, Capacity];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(p => p.Name)];

    public static bool TryGet(string? name, out BenchProfile profile)
    {
        profile = All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return profile is not null;
    }
}
