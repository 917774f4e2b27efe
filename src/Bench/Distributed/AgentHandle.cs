using Akka.Actor;
using KEchoBench.Bench.Distributed.Protocol;

namespace KEchoBench.Bench.Distributed;

/// <summary>An agent the coordinator uses: its actor and what it said about itself.</summary>
internal sealed record AgentHandle(IActorRef Actor, AgentInfo Info, Address Address)
{
    /// <summary>The agent as messages name it: role, host and cluster address.</summary>
    public string Name => $"{Info.Role} agent {Info.HostName} ({Address.Host}:{Address.Port})";
}
