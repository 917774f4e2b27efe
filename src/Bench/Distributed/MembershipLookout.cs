using Akka.Actor;
using Akka.Cluster;

namespace KEchoBench.Bench.Distributed;

/// <summary>
/// The coordinator's ear on membership: forwards Akka's verdicts (a member unreachable by the
/// failure detector, a member removed, this node removed) to the coordinator as they come.
/// </summary>
internal sealed class MembershipLookout : ReceiveActor
{
    private readonly Cluster _cluster = Cluster.Get(Context.System);

    public MembershipLookout(Action<Address, string> lost)
    {
        Receive<ClusterEvent.UnreachableMember>(e => lost(e.Member.Address, "became unreachable (Akka's failure detector heard no heartbeat)"));
        Receive<ClusterEvent.MemberRemoved>(e => lost(e.Member.Address, "was removed from the cluster"));
        Receive<ClusterEvent.MemberExited>(e => lost(e.Member.Address, "left the cluster"));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
    }

    public static Props Props(Action<Address, string> lost) => Akka.Actor.Props.Create(() => new MembershipLookout(lost));

    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.UnreachableMember), typeof(ClusterEvent.IMemberEvent));

    protected override void PostStop() => _cluster.Unsubscribe(Self);
}
