using System.Net;
using BenchmarkDotNet.Attributes;
using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Scenarios;

/// <summary>
/// <c>burst</c>: kecho's bench.c. 1000 connections released at once, each sending one message
/// and waiting for its echo. Shows the cost of accepting a crowd: creating a thread per client,
/// queueing behind a fixed pool, or multiplexing. Per-connection times are kept (bench.png).
/// </summary>
public class BurstScenario : ScenarioBenchmark
{
    public const string Name = ScenarioCatalog.Burst;

    public override string Scenario => Name;

    /// <summary>One value, from the profile: a parameter so that it shows in every table.</summary>
    [ParamsSource(nameof(ClientsValues))]
    public int Clients { get; set; }

    public static IEnumerable<int> ClientsValues => [Profile.BurstConnections];

    private protected override int Connections => Clients;

    private protected override RoundShape Shape(IPEndPoint target) => BurstRound(target, Clients);

    private protected override CaseResult Identity() => CaseIdentity(Clients, 1);
}
