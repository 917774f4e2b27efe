using System.Net;
using Akka.Actor;
using Akka.Cluster;

namespace KEchoBench.Bench.Distributed;

/// <summary>
/// This process as a member of the cluster: its actor system (HOCON from <see cref="ClusterConfig"/>),
/// its gate (<see cref="Gatekeeper"/>) and the members the gate admitted. Agents and coordinators
/// are both nodes; they differ in their roles and the actors they add.
/// </summary>
internal sealed class ClusterNode : IAsyncDisposable
{
    private ClusterNode(ActorSystem system, ClusterSecret secret, bool downRefused)
    {
        System = system;
        Cluster = Cluster.Get(system);
        Admissions = new Admissions();
        Secret = secret;
        system.ActorOf(Gatekeeper.Props(secret, Admissions, downRefused), Gatekeeper.Name);
    }

    public ActorSystem System { get; }

    public Cluster Cluster { get; }

    public Admissions Admissions { get; }

    public ClusterSecret Secret { get; }

    public Address SelfAddress => Cluster.SelfAddress;

    /// <summary>Starts the node on <paramref name="bind"/>:<paramref name="port"/> (0: any free port) with one role.</summary>
    public static ClusterNode Start(IPAddress bind, int port, string role, ClusterSecret secret, bool verbose) =>
        new(ActorSystem.Create(ClusterConfig.SystemName, ClusterConfig.Build(bind, port, [role], verbose)), secret, role != AgentIdentity.CoordinatorRole);

    public void Join(IEnumerable<EndPoint> seeds) => Cluster.JoinSeedNodes(seeds.Select(AddressOf));

    public static Address AddressOf(EndPoint seed) => seed switch
    {
        IPEndPoint ip => new Address("akka.tcp", ClusterConfig.SystemName, ip.Address.ToString(), ip.Port),
        DnsEndPoint dns => new Address("akka.tcp", ClusterConfig.SystemName, dns.Host, dns.Port),
        _ => throw new ArgumentException($"not a host and port: {seed}", nameof(seed)),
    };

    /// <summary>Leaves the cluster (so that the others stop watching this node at once) and stops the actor system.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await System.Terminate().ConfigureAwait(false);
        }
    }
}
