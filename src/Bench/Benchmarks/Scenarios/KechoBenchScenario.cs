using System.Net;
using BenchmarkDotNet.Attributes;
using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Scenarios;

/// <summary>
/// <c>kecho-bench</c>: kecho's bench.c as it is. 1000 connections released at once by a barrier;
/// each connects, sends the 13 bytes <c>dummy message</c>, reads the echo and closes; 10 rounds,
/// whose per-connection averages become <c>bench.txt</c> (<c>index time_us</c>). Unlike
/// <c>burst</c>, the message, the round count and the 10 s timeout are the tool's, not the profile's.
/// </summary>
[IterationCount(KechoCases.BenchRounds)]
public class KechoBenchScenario : KechoExperiment
{
    public const string Name = KechoCases.BenchScenario;

    public override string Scenario => Name;

    /// <summary>One value, bench.c's: a parameter so that it shows in every table.</summary>
    [ParamsSource(nameof(ClientsValues))]
    public int Clients { get; set; }

    public static IEnumerable<int> ClientsValues => [KechoCases.BenchConnections];

    private protected override int Connections => Clients;

    private protected override RoundShape Shape(IPEndPoint target) =>
        BurstRound(target, Clients) with { Payload = PayloadKind.Dummy, PayloadSize = DummyMessage.Length };

    private protected override CaseResult Identity() => CaseIdentity(Clients, 1, (CaseParameters.Payload, "dummy"));
}
