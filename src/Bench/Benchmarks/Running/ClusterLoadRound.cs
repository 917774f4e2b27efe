using KEchoBench.Bench.Benchmarks.ServersUnderTest;
using KEchoBench.Bench.Distributed;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>
/// One benchmark round over the cluster (<c>bench --cluster</c>): the round's load split over the
/// load agents (<see cref="DistributedLoad"/>), released on all of them at once, merged; the
/// server's CPU and peaks read by the server agent on the server's host. The per-agent figures
/// and the placement travel with the outcome into run.json.
/// </summary>
internal sealed class ClusterLoadRound(ClusterServer server) : ILoadRound
{
    /// <summary>The server's peaks over the last round, read on its host.</summary>
    public ServerWindow? LastWindow { get; private set; }

    public async Task<RoundOutcome> RunAsync(RoundShape shape, CancellationToken cancellation)
    {
        var settings = LoadGeneratorRound.Settings(shape) with { ServerPid = null };
        await using var load = await DistributedLoad.OpenAsync(server.Cluster, settings, server.Remote, cancellation).ConfigureAwait(false);
        var round = await load.RunDistributedRoundAsync(0, settings.Requests, settings.Duration, cancellation).ConfigureAwait(false);
        LastWindow = round.ServerWindow;
        var outcome = round.Merged.ToOutcome();
        var errors = new Dictionary<string, long>(outcome.ErrorsByKind);
        foreach (var (kind, count) in load.ConnectErrors)
        {
            errors[LoadErrorNames.Of(kind)] = errors.GetValueOrDefault(LoadErrorNames.Of(kind)) + count;
        }

        return outcome with
        {
            Errors = errors.Values.Sum(),
            ErrorsByKind = errors,
            Agents = round.Agents,
            Placement = [server.Cluster.Self, server.Remote.Placement, .. load.Placement],
        };
    }
}
