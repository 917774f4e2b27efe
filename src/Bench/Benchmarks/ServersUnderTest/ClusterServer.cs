using System.Net;
using KEchoBench.Bench.Distributed;
using KEchoBench.Bench.Processes;

namespace KEchoBench.Bench.Benchmarks.ServersUnderTest;

/// <summary>
/// A case's server on the cluster's server agent (<c>bench --cluster</c>): started there, watched
/// there round by round (<see cref="Running.ClusterLoadRound"/>), stopped there. Its process is
/// on another host, so nothing here samples it.
/// </summary>
internal sealed class ClusterServer : IServerUnderTest
{
    private ClusterServer(ClusterCoordinator cluster, RemoteServer server)
    {
        Cluster = cluster;
        Remote = server;
    }

    public ClusterCoordinator Cluster { get; }

    public RemoteServer Remote { get; }

    public IPEndPoint EndPoint => Remote.EndPoint;

    public int? ProcessId => null;

    /// <summary>Joins the cluster as this case's coordinator and starts the engine on the server agent.</summary>
    public static async Task<ClusterServer> StartAsync(string seeds, string? secretFile, string engine, IReadOnlyList<string> options, CancellationToken cancellation)
    {
        var parsed = ClusterCoordinator.ParseSeeds(seeds, out string problem) ?? throw new InvalidOperationException(problem);
        var secret = ClusterSecret.Read(secretFile is null ? null : new FileInfo(secretFile), out problem) ?? throw new InvalidOperationException(problem);
        var cluster = await ClusterCoordinator.ConnectAsync(parsed, secret, cancellation).ConfigureAwait(false);
        try
        {
            var server = await RemoteServer.StartAsync(cluster, engine, options, cancellation).ConfigureAwait(false);
            return new ClusterServer(cluster, server);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ProcessSample? Sample() => null;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Remote.StopAsync().ConfigureAwait(false);
        }
        catch (ClusterException)
        {
            // The agent is gone: so is its server (an agent stops its server when its coordinator leaves, and dies with it).
        }

        await Cluster.DisposeAsync().ConfigureAwait(false);
    }
}
