using System.Net;
using BenchmarkDotNet.Attributes;
using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Results;
using KEchoBench.Servers.Configuration;

namespace KEchoBench.Bench.Benchmarks.Scenarios;

/// <summary>
/// <c>cpu</c>: every request spins 50 µs on the server, clients 1, 10, 100. With CPU-bound work
/// more threads than cores only add switching: shows each model's overhead per request when the
/// cores, not the threads, are the limit.
/// </summary>
public class CpuScenario : ScenarioBenchmark
{
    public const string Name = ScenarioCatalog.Cpu;

    [ParamsSource(nameof(ClientsValues))]
    public int Clients { get; set; }

    public static IEnumerable<int> ClientsValues => Profile.CpuClients;

    public override string Scenario => Name;

    private protected override WorkModel Work => WorkModel.Parse(Profile.CpuWork);

    private protected override int Connections => Clients;

    private protected override RoundShape Shape(IPEndPoint target) => ClosedLoop(target, Clients, Profile.RequestsFor(Clients));

    private protected override CaseResult Identity() => CaseIdentity(Clients, Profile.RequestsFor(Clients), ("work", Work.ToString()));
}
