using KEchoBench.Bench.Distributed.Protocol;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Distributed;

/// <summary>
/// A load split over the cluster's load agents (<see cref="LoadShares"/>), run round by round:
/// every agent prepares the round (threads up at the barrier), then all are released together, and
/// their results are merged (<see cref="AgentRounds.Merge"/>). The server's CPU and peaks over the
/// round come from the server agent when the server is one.
/// </summary>
internal sealed class DistributedLoad : IRoundRunner, IAsyncDisposable
{
    private readonly ClusterCoordinator _cluster;
    private readonly IReadOnlyList<AgentHandle> _agents;
    private readonly IReadOnlyList<LoadShare> _shares;
    private readonly RemoteServer? _server;
    private readonly LoadSettings _settings;
    private readonly List<DistributedRound> _measured = [];

    private DistributedLoad(ClusterCoordinator cluster, IReadOnlyList<AgentHandle> agents, IReadOnlyList<LoadShare> shares, RemoteServer? server, LoadSettings settings)
    {
        _cluster = cluster;
        _agents = agents;
        _shares = shares;
        _server = server;
        _settings = settings;
    }

    public LoadSettings Settings => _settings;

    public int ConnectionsEstablished { get; private set; }

    /// <summary>Not followed while a round runs: the agents report at its end.</summary>
    public long Completed => 0;

    public long ErrorsInRound => 0;

    /// <summary>Each measured round's figures per agent (warm-up rounds, with negative indexes, left out).</summary>
    public IReadOnlyList<DistributedRound> MeasuredRounds => _measured;

    /// <summary>Each agent's figures over the measured rounds.</summary>
    public IReadOnlyList<AgentFigures> AgentTotals =>
        _measured.Count == 0 ? [] : [.. Enumerable.Range(0, _agents.Count).Select(i => AgentFigures.Sum([.. _measured.Select(r => r.Agents[i])]))];

    public IReadOnlyDictionary<LoadErrorKind, long> ConnectErrors { get; private set; } = new Dictionary<LoadErrorKind, long>();

    /// <summary>Which load agent runs which share.</summary>
    public IReadOnlyList<PlacementEntry> Placement => [.. _agents.Select((a, i) => new PlacementEntry(
        AgentIdentity.LoadRole, a.Info.HostName, $"{a.Address.Host}:{a.Address.Port}", a.Info.Cores,
        $"load generator: {LoadShares.Describe(_shares[i])}, {_shares[i].Threads} event loop(s)"))];

    /// <summary>Splits the load over the cluster's load agents and opens it on each.</summary>
    public static async Task<DistributedLoad> OpenAsync(ClusterCoordinator cluster, LoadSettings settings, RemoteServer? server, CancellationToken cancellation)
    {
        if (cluster.LoadAgents.Count == 0)
        {
            throw new ClusterException("the cluster has no load agent: start 'kechobench agent --role load' on the load hosts", userInput: true);
        }

        var shares = LoadShares.Split(settings, cluster.LoadAgents.Count);
        var agents = cluster.LoadAgents.Take(shares.Count).ToList();
        cluster.Use(agents);
        var load = new DistributedLoad(cluster, agents, shares, server, settings);
        var opened = await Task.WhenAll(agents.Select((a, i) => cluster.AskAsync<LoadOpened>(a, new OpenLoad(shares[i]), cancellation: cancellation))).ConfigureAwait(false);
        load.ConnectionsEstablished = opened.Sum(o => o.Established);
        var errors = new Dictionary<LoadErrorKind, long>();
        foreach (var (name, count) in opened.SelectMany(o => o.ConnectErrors))
        {
            foreach (var kind in LoadErrorNames.All.Where(k => LoadErrorNames.Of(k) == name))
            {
                errors[kind] = errors.GetValueOrDefault(kind) + count;
            }
        }

        load.ConnectErrors = errors;
        return load;
    }

    public async Task<LoadRound> RunRoundAsync(int index, long requests, TimeSpan? duration, CancellationToken cancellation = default)
    {
        var round = await RunDistributedRoundAsync(index, requests, duration, cancellation).ConfigureAwait(false);
        if (index >= 0)
        {
            _measured.Add(round);
        }

        return round.Merged;
    }

    /// <summary>One round on every agent, released together; the agents' results merged.</summary>
    public async Task<DistributedRound> RunDistributedRoundAsync(int index, long requests, TimeSpan? duration, CancellationToken cancellation)
    {
        await Task.WhenAll(_agents.Select(a => _cluster.AskAsync<RoundReady>(a, new PrepareRound(index, requests, duration?.Ticks), cancellation: cancellation))).ConfigureAwait(false);
        if (_server is not null)
        {
            await _server.WatchAsync(cancellation).ConfigureAwait(false);
        }

        // Sent to every agent in one pass: the agents' barriers open within the messages' flight time.
        var started = _agents.Select(a => _cluster.AskAsync<AgentRound>(a, new StartRound(index), Timeout.InfiniteTimeSpan, cancellation)).ToList();
        var rounds = await Task.WhenAll(started).ConfigureAwait(false);
        var server = _server is null ? null : await _server.EndWatchAsync(cancellation).ConfigureAwait(false);
        var merged = AgentRounds.Merge(rounds, server);
        var figures = rounds.Select((r, i) => AgentFigures.Of(
            _agents[i].Info.HostName,
            $"{_agents[i].Address.Host}:{_agents[i].Address.Port}",
            _agents[i].Info.Cores,
            _shares[i].Clients,
            _shares[i].Threads,
            r.Requests,
            r.Errors,
            TimeSpan.FromTicks(r.ElapsedTicks).TotalSeconds,
            TimeSpan.FromTicks(r.ClientCpuTicks).TotalSeconds)).ToList();
        ConnectionsEstablished = Math.Max(ConnectionsEstablished, _settings.HangsUp ? rounds.Sum(r => r.ConnectionsEstablished) : ConnectionsEstablished);
        var window = server is { CpuAfterTicks: not null } ? new ServerWindow(server.PeakThreads, server.PeakRssBytes) : null;
        return new DistributedRound(merged, figures, window);
    }

    /// <summary>Closes the load on every agent still there (an agent that is gone has nothing to close).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            try
            {
                await _cluster.AskAsync<Done>(agent, new CloseLoad(), TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (ClusterException)
            {
                // Lost or refusing: its share is over either way.
            }
        }
    }
}
