namespace KEchoBench.Bench.Results;

/// <summary>
/// The kecho study's experiments as <c>bench --profile kecho</c> runs them, named here so that the
/// report finds them without knowing how they are produced.
/// </summary>
internal static class KechoCases
{
    /// <summary>kecho's bench.c: 1000 connections released at once, each sends <c>dummy message</c>, reads the echo, closes; 10 rounds.</summary>
    public const string BenchScenario = "kecho-bench";

    /// <summary>The telnet script: clients × requests, each client connects, writes and reads its lines, closes; 5 measured rounds that repeat the test (the study repeated it 5 times), 10 s timeout.</summary>
    public const string TelnetScenario = "kecho-telnet";

    /// <summary>In <see cref="CaseResult.Sets"/>: the case is one of the study's clients × requests grid (20 × 20, 40 × 5, 50 × 20).</summary>
    public const string GridSet = "grid";

    /// <summary>In <see cref="CaseResult.Sets"/>: the case is a point of the clients sweep at 20 requests (1, 5, 10, 20, 30, 40, 50 clients).</summary>
    public const string SweepSet = "sweep";

    /// <summary>The study's grid, (clients, requests).</summary>
    public static IReadOnlyList<(int Clients, int Requests)> Grid { get; } = [(20, 20), (40, 5), (50, 20)];

    /// <summary>Clients of the sweep, each sending <see cref="SweepRequests"/> requests.</summary>
    public static IReadOnlyList<int> SweepClients { get; } = [1, 5, 10, 20, 30, 40, 50];

    public const int SweepRequests = 20;

    /// <summary>bench.c's connections, message and rounds; the telnet scenario's measured rounds (the study repeated each test 5 times) and timeout.</summary>
    public const int BenchConnections = 1000;

    public const string BenchMessage = "dummy message";

    public const int BenchRounds = 10;

    public const int TelnetRounds = 5;

    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>The telnet tests repeat within a round until it has lasted this long, so that the server CPU figure is resolvable.</summary>
    public static TimeSpan TelnetMinRound { get; } = TimeSpan.FromMilliseconds(150);

    /// <summary>The telnet cases, each (clients, requests) once, with the sets it belongs to: the grid and sweep share 20 × 20 and 50 × 20.</summary>
    public static IReadOnlyList<(int Clients, int Requests, IReadOnlyList<string> Sets)> TelnetCases { get; } =
    [
        .. SweepClients.Select(c => (c, SweepRequests)).Concat(Grid).Distinct().OrderBy(p => p.Item2).ThenBy(p => p.Item1)
            .Select(p => (p.Item1, p.Item2, (IReadOnlyList<string>)
                [.. Grid.Contains(p) ? [GridSet] : Array.Empty<string>(), .. p.Item2 == SweepRequests && SweepClients.Contains(p.Item1) ? [SweepSet] : Array.Empty<string>()])),
    ];
}
