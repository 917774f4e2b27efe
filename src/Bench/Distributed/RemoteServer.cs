using System.Net;
using KEchoBench.Bench.Distributed.Protocol;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Distributed;

/// <summary>The server a server agent runs for this coordinator: where it listens, and the agent that watches and stops it.</summary>
internal sealed class RemoteServer
{
    private readonly ClusterCoordinator _cluster;

    private RemoteServer(ClusterCoordinator cluster, AgentHandle agent, ServerStarted started)
    {
        _cluster = cluster;
        Agent = agent;
        Started = started;
        EndPoint = new IPEndPoint(IPAddress.Parse(started.Host), started.Port);
    }

    public AgentHandle Agent { get; }

    public ServerStarted Started { get; }

    public IPEndPoint EndPoint { get; }

    public PlacementEntry Placement => new(AgentIdentity.ServerRole, Agent.Info.HostName, $"{Agent.Address.Host}:{Agent.Address.Port}", Agent.Info.Cores, $"{Started.CommandLine} (pid {Started.Pid}) on {EndPoint}");

    /// <summary>Starts the engine (or the agent's external command) on the cluster's server agent.</summary>
    public static async Task<RemoteServer> StartAsync(ClusterCoordinator cluster, string engine, IReadOnlyList<string> options, CancellationToken cancellation)
    {
        var agent = (cluster.ServerAgents.Count > 0 ? cluster.ServerAgents[0] : null)
            ?? throw new ClusterException("the cluster has no server agent: start 'kechobench agent --role server' on the server's host (or give the server's --host/--port and leave out --spawn)", userInput: true);
        cluster.Use([agent]);
        try
        {
            var started = await cluster.AskAsync<ServerStarted>(agent, new StartServer(engine, [.. options]), TimeSpan.FromSeconds(45), cancellation).ConfigureAwait(false);
            return new RemoteServer(cluster, agent, started);
        }
        catch (ClusterException e) when (!e.UserInput && cluster.Lost.IsCompleted is false)
        {
            // The agent refused or the server failed to start: the user's engine or options, or the host.
            throw new ClusterException(e.Message, userInput: true);
        }
    }

    public Task WatchAsync(CancellationToken cancellation) => _cluster.AskAsync<Done>(Agent, new WatchServer(), cancellation: cancellation);

    public Task<ServerFigures> EndWatchAsync(CancellationToken cancellation) => _cluster.AskAsync<ServerFigures>(Agent, new EndWatch(), cancellation: cancellation);

    public Task<ServerStopped> StopAsync() => _cluster.AskAsync<ServerStopped>(Agent, new StopServer(), TimeSpan.FromSeconds(30));
}
