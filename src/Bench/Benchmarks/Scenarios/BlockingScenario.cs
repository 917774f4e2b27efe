using System.Net;
using BenchmarkDotNet.Attributes;
using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Results;
using KEchoBench.Servers.Configuration;

namespace KEchoBench.Bench.Benchmarks.Scenarios;

/// <summary>
/// <c>blocking</c>: every request sleeps 1 ms on the server (a handler doing blocking I/O), 50
/// clients. A fixed workqueue serves only as many clients as it has workers while they sleep;
/// CMWQ wakes another worker when one sleeps — does the ThreadPool compensate the same way?
/// </summary>
public class BlockingScenario : ScenarioBenchmark
{
    public const string Name = ScenarioCatalog.Blocking;

    public override string Scenario => Name;

    /// <summary>One value, from the profile: a parameter so that it shows in every table.</summary>
    [ParamsSource(nameof(ClientsValues))]
    public int Clients { get; set; }

    public static IEnumerable<int> ClientsValues => [Profile.BlockingClients];

    private protected override WorkModel Work => WorkModel.Parse(Profile.BlockingWork);

    private protected override int Connections => Clients;

    private protected override RoundShape Shape(IPEndPoint target) => ClosedLoop(target, Clients, Profile.BlockingRequests);

    private protected override CaseResult Identity() => CaseIdentity(Clients, Profile.BlockingRequests, ("work", Work.ToString()));
}
