namespace KEchoBench.Bench.Benchmarks.Profiles;

/// <summary>
/// How big a <c>bench</c> run is: iterations per case and the load points of every scenario.
/// The sizes are chosen from run times measured on a shared 2-core machine (docs/benchmarks.md).
/// </summary>
internal sealed record BenchProfile
{
    public required string Name { get; init; }

    /// <summary>Load rounds run and discarded before measuring (connections, JIT, ThreadPool growth).</summary>
    public int WarmupCount { get; init; } = 1;

    /// <summary>Measured load rounds per case. At least 4 on each side for a Mann–Whitney test to reach p &lt; 0.05 at all (2 / C(8, 4) = 0.029); 5 leaves a margin.</summary>
    public int IterationCount { get; init; } = 5;

    /// <summary><c>clients</c>: the client counts swept.</summary>
    public IReadOnlyList<int> ClientsSweep { get; init; } = [1, 10, 50, 100, 500, 1000];

    /// <summary>Scenarios a run of this profile takes when <c>--scenarios</c> is not given (null: every scenario).</summary>
    public IReadOnlyList<string>? Scenarios { get; init; }

    /// <summary>Requests per client per round in closed-loop scenarios (the report's "Request = 20").</summary>
    public int RequestsPerClient { get; init; } = 20;

    /// <summary>
    /// <c>clients</c>, <c>cpu</c> and <c>idle</c> rounds send at least this many requests in all,
    /// spread over the clients (0: every round sends <see cref="RequestsPerClient"/> per client
    /// whatever the client count; <c>blocking</c> keeps its own <see cref="BlockingRequests"/>). A round of
    /// one client × 20 requests lasts about a millisecond, far too short to time against a
    /// scheduler's hiccups; a gate needs rounds long enough to average them out.
    /// </summary>
    public int MinRequestsPerRound { get; init; }

    /// <summary>
    /// Closed-loop rounds (<c>clients</c>, <c>cpu</c>, <c>blocking</c>, <c>idle</c>) repeat their whole
    /// test, every client connecting anew each time, until the round has lasted at least this
    /// long (null: one test per round). 150 ms is one and a half times the 100 ms a server CPU
    /// figure needs (<see cref="Results.CpuFigureRule"/>), so that every round of every machine,
    /// fast or slow, has one; and p99 rests on more requests. Each test keeps the study's shape
    /// (C clients × R requests, then hang up), which a bigger request count per client would not.
    /// </summary>
    public TimeSpan? MinRoundDuration { get; init; }

    /// <summary>Requests each of <paramref name="clients"/> closed-loop clients sends per round.</summary>
    public int RequestsFor(int clients) =>
        clients < 1 || MinRequestsPerRound <= 0
            ? RequestsPerClient
            : Math.Max(RequestsPerClient, (MinRequestsPerRound + clients - 1) / clients);

    /// <summary><c>burst</c>: connections released at once (kecho bench.c: 1000).</summary>
    public int BurstConnections { get; init; } = 1000;

    /// <summary><c>blocking</c>: clients, each request sleeping <see cref="BlockingWork"/> on the server.</summary>
    public int BlockingClients { get; init; } = 50;

    public int BlockingRequests { get; init; } = 20;

    public string BlockingWork { get; init; } = "block:1ms";

    /// <summary><c>cpu</c>: client counts, each request spinning <see cref="CpuWork"/> on the server.</summary>
    public IReadOnlyList<int> CpuClients { get; init; } = [1, 10, 100];

    public string CpuWork { get; init; } = "cpu:50us";

    /// <summary>
    /// <c>idle</c>: long-lived sessions held open (telnet users) while the active clients run. A
    /// thousand, so that the server's memory per idle session is the sessions' own and not the
    /// one-off cost of the first connections (pages, pool threads), which a hundred did not amortise.
    /// </summary>
    public int IdleSessions { get; init; } = 1000;

    public int IdleActiveClients { get; init; } = 10;

    /// <summary><c>rate</c>: offered requests per second over <see cref="RateConnections"/> connections.</summary>
    public int Rate { get; init; } = 20_000;

    public int RateConnections { get; init; } = 50;

    public TimeSpan RateDuration { get; init; } = TimeSpan.FromSeconds(1);

    public int PayloadSize { get; init; } = 64;

    /// <summary>
    /// Worker threads of the <c>workqueue</c> engine's servers (null: its default, one per core).
    /// With the default, the clients beyond the first few queue behind two workers (the study's
    /// point), so the workqueue's rounds measure its queue: a regression gate gives it enough
    /// workers to serve its clients at once, so that its own speed is what gets measured.
    /// </summary>
    public int? WorkqueueWorkers { get; init; }

    /// <summary>
    /// Per-request deadline: a slower echo is a timeout error. Shorter than the experiment's 10 s
    /// because a starved engine (the fixed workqueue with long-lived sessions: <c>idle</c>,
    /// <c>rate</c>) would otherwise spend the whole deadline in every round; counting such an echo
    /// as an error is what makes the starvation visible. Long enough (2 s in quick and full) for
    /// the workqueue to serve 1000 clients that hang up, one after another.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Capacity searches after the cases (<c>capacity</c>); null: none.</summary>
    public Capacity.CapacitySettings? Capacity { get; init; }

    /// <summary>The profile's name: what the command line and the results folder call it.</summary>
    public override string ToString() => Name;
}
