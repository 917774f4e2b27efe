using System.Net;
using BenchmarkDotNet.Attributes;
using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Scenarios;

/// <summary>
/// <c>clients</c>: the report's "Client = 20 / Request = 20" experiment, extended: C clients ×
/// 20 requests each, C swept from 1 to 1000. Shows how latency grows with the number of clients
/// and where each model starts to queue.
/// </summary>
public class ClientsScenario : ScenarioBenchmark
{
    public const string Name = ScenarioCatalog.Clients;

    [ParamsSource(nameof(ClientsValues))]
    public int Clients { get; set; }

    public static IEnumerable<int> ClientsValues => Profile.ClientsSweep;

    public override string Scenario => Name;

    private protected override int Connections => Clients;

    private protected override RoundShape Shape(IPEndPoint target) => ClosedLoop(target, Clients, Profile.RequestsFor(Clients));

    private protected override CaseResult Identity() => CaseIdentity(Clients, Profile.RequestsFor(Clients));
}
