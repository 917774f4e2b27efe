using System.Globalization;
using System.Net;
using BenchmarkDotNet.Attributes;
using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Scenarios;

/// <summary>
/// <c>kecho-telnet</c>: the study's telnet script. N clients connect at once, each writes M lines
/// <c>Telnet No.&lt;client&gt;,Write No&lt;i&gt;\n</c>, reading each back before the next, then
/// hangs up; the study repeated each test 5 times, here 5 measured rounds; 10 s timeout. The grid (20 × 20, 40 × 5, 50 × 20) and a
/// clients sweep at 20 requests (1 to 50 clients) are one list of load points, each run once
/// (<see cref="KechoCases.TelnetCases"/>). A round repeats the whole test (new connections each
/// time) until it has lasted 150 ms, so that the study's CPU utilisation can be read over it (a
/// single test lasts 1–50 ms here, under the CPU clock's resolution); the seconds per test are the
/// rounds' duration over the tests they ran (their repeats).
/// </summary>
[IterationCount(KechoCases.TelnetRounds)]
public class KechoTelnetScenario : KechoExperiment
{
    public const string Name = KechoCases.TelnetScenario;

    public override string Scenario => Name;

    /// <summary>The load point, <c>CLIENTSxREQUESTS</c> (one parameter: the grid is not a cross product).</summary>
    [ParamsSource(nameof(LoadValues))]
    public string Load { get; set; } = string.Empty;

    public static IEnumerable<string> LoadValues => KechoCases.TelnetCases.Select(c => Spell(c.Clients, c.Requests));

    private (int Clients, int Requests, IReadOnlyList<string> Sets) Point =>
        KechoCases.TelnetCases.FirstOrDefault(c => Spell(c.Clients, c.Requests) == Load) is { Clients: > 0 } point
            ? point
            : throw new InvalidOperationException($"kecho-telnet: unknown load point '{Load}'");

    private protected override int Connections => Point.Clients;

    private protected override TimeSpan? MinRoundDuration => KechoCases.TelnetMinRound;

    private protected override RoundShape Shape(IPEndPoint target) => ClosedLoop(target, Point.Clients, Point.Requests) with { Payload = PayloadKind.Telnet };

    private protected override CaseResult Identity() =>
        CaseIdentity(Point.Clients, Point.Requests, (CaseParameters.Payload, "telnet")) with { Sets = Point.Sets };

    /// <summary>How the load point is spelled as a parameter: 20x20.</summary>
    public static string Spell(int clients, int requests) => string.Create(CultureInfo.InvariantCulture, $"{clients}x{requests}");
}
