using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;
using KEchoBench.Bench.RunEnvironment;

namespace KEchoBench.Tests.Reports;

/// <summary>Small runs made up for one property each: the figures a test needs, nothing else.</summary>
internal static class CraftedRuns
{
    public static CaseResult Case(string scenario, string engine, int clients, double meanUs, double maxUs, double? cpuPercent = 100,
        double roundSeconds = 1, long requests = 1000, long errors = 0, int rounds = 5, double? cpuUsPerRequest = null,
        double? requestsPerSecond = null, IReadOnlyList<string>? sets = null, int requestsPerClient = 20)
    {
        var latency = new LatencySummary { Count = requests, MeanUs = meanUs, P50Us = meanUs, P90Us = maxUs, P99Us = maxUs, P999Us = maxUs, MaxUs = maxUs };
        var iteration = new IterationResult
        {
            Requests = requests / rounds,
            Errors = errors / rounds,
            Seconds = roundSeconds,
            RequestsPerSecond = requestsPerSecond ?? requests / (roundSeconds * rounds),
            Latency = latency with { Count = requests / rounds },
            ServerCpuPercent = cpuPercent,
            ServerCpuUsPerRequest = cpuPercent is null ? null : cpuUsPerRequest ?? cpuPercent,
        };
        return new CaseResult
        {
            Scenario = scenario,
            Engine = engine,
            Clients = clients,
            Requests = requestsPerClient,
            Sets = sets ?? [],
            Iterations = [.. Enumerable.Repeat(iteration, rounds)],
            Overall = iteration with
            {
                Requests = requests,
                Errors = errors,
                Seconds = roundSeconds * rounds,
                RequestsPerSecond = requestsPerSecond ?? requests / (roundSeconds * rounds),
                Latency = latency,
            },
            ErrorsByKind = errors > 0 ? new Dictionary<string, long> { ["timeout"] = errors } : new Dictionary<string, long>(),
        };
    }

    public static RunResult Run(string profile, params CaseResult[] cases) =>
        new() { Profile = profile, Environment = new EnvironmentInfo { Cores = 2 }, Cases = cases };

    public static IReadOnlyList<ClaimCheck> Claims(RunResult run) => KechoClaims.From(run, ScenarioData.From(run));

    /// <summary>
    /// A clients sweep of thread, workqueue and cmwq where mean latency is <paramref name="mean"/>(engine, clients) and the
    /// worst and CPU follow <paramref name="max"/> and <paramref name="cpu"/>.
    /// </summary>
    public static RunResult Sweep(IReadOnlyList<int> clients, Func<string, int, double> mean, Func<string, int, double>? max = null,
        Func<string, int, double>? cpu = null, string scenario = "clients", string profile = "quick", IReadOnlyList<string>? sets = null) =>
        Run(profile, [.. KechoClaims.Models.SelectMany(engine => clients.Select(n =>
            Case(scenario, engine, n, mean(engine, n), (max ?? ((e, c) => mean(e, c) * 5))(engine, n), (cpu ?? ((_, _) => 100))(engine, n), sets: sets)))]);
}
