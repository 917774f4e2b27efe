using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using KEchoBench.Bench.Distributed.Protocol;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Distributed;

/// <summary>
/// The command the user runs (<c>load --cluster</c>, or a benchmark process of <c>bench --cluster</c>)
/// as a member of the agents' cluster: it joins through a seed, proves the secret, finds the agents
/// by role, checks their version, and sends them commands. Any agent it uses that Akka's failure
/// detector declares unreachable, or that leaves, fails whatever command is waiting on the agents,
/// with a message that names the agent.
/// </summary>
internal sealed class ClusterCoordinator : IAsyncDisposable
{
    public static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly ClusterNode _node;
    private readonly string _seeds;
    private readonly TaskCompletionSource<string> _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Address, AgentHandle> _used = new();
    private readonly ConcurrentDictionary<Address, string> _refusedByUs = new();
    private readonly TaskCompletionSource _removed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ClusterCoordinator(ClusterNode node, string seeds)
    {
        _node = node;
        _seeds = seeds;
        node.Admissions.Refused += (address, why) => _refusedByUs[address] = why;
        node.Cluster.RegisterOnMemberRemoved(() => _removed.TrySetResult());
    }

    public IReadOnlyList<AgentHandle> LoadAgents { get; private set; } = [];

    public IReadOnlyList<AgentHandle> ServerAgents { get; private set; } = [];

    /// <summary>This process's line in the placement.</summary>
    public PlacementEntry Self => new(AgentIdentity.CoordinatorRole, System.Net.Dns.GetHostName(), $"{_node.SelfAddress.Host}:{_node.SelfAddress.Port}", AgentIdentity.Cores, "coordinator: splits the load, merges the results");

    /// <summary>A failure of an agent in use, once Akka has reported one (the message names the agent).</summary>
    public Task<string> Lost => _lost.Task;

    /// <summary>Parses <c>HOST:PORT[,HOST:PORT...]</c> (IP addresses, or localhost); null with the problem when it is not that.</summary>
    public static IReadOnlyList<IPEndPoint>? ParseSeeds(string text, out string problem)
    {
        problem = string.Empty;
        var seeds = new List<IPEndPoint>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int colon = part.LastIndexOf(':');
            string host = colon > 0 ? part[..colon].Trim('[', ']') : part;
            int port = ClusterConfig.DefaultPort;
            if (colon > 0 && (!int.TryParse(part[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
            {
                problem = $"--cluster '{text}': '{part}' has no valid port (expected HOST:PORT, e.g. 10.0.0.1:{ClusterConfig.DefaultPort})";
                return null;
            }

            if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            {
                host = "127.0.0.1";
            }

            if (!IPAddress.TryParse(host, out var address))
            {
                problem = $"--cluster '{text}': '{host}' is not an IP address (give the address the agent was started with, --bind)";
                return null;
            }

            seeds.Add(new IPEndPoint(address, port));
        }

        if (seeds.Count == 0)
        {
            problem = $"--cluster '{text}': expected HOST:PORT of an agent (e.g. 10.0.0.1:{ClusterConfig.DefaultPort})";
            return null;
        }

        return seeds;
    }

    /// <summary>Joins the cluster, waits for the agents to admit this coordinator and to answer, and checks their versions.</summary>
    public static async Task<ClusterCoordinator> ConnectAsync(IReadOnlyList<IPEndPoint> seeds, ClusterSecret secret, CancellationToken cancellation)
    {
        var bind = LocalAddressTowards(seeds[0]);
        var node = ClusterNode.Start(bind, 0, AgentIdentity.CoordinatorRole, secret, verbose: false);
        var coordinator = new ClusterCoordinator(node, string.Join(",", seeds.Select(s => s.ToString())));
        try
        {
            await coordinator.JoinAsync(seeds, bind, cancellation).ConfigureAwait(false);
            await coordinator.DiscoverAsync(cancellation).ConfigureAwait(false);
        }
        catch
        {
            await coordinator.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return coordinator;
    }

    /// <summary>The agents in <paramref name="agents"/> are in use: from now on their loss fails whatever waits on them.</summary>
    public void Use(IEnumerable<AgentHandle> agents)
    {
        foreach (var agent in agents)
        {
            _used[agent.Address] = agent;
        }
    }

    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="agent"/> and waits for its answer of type
    /// <typeparamref name="T"/>; fails at once with the agent's name when an agent in use is lost,
    /// with the agent's reason when it refuses.
    /// </summary>
    public async Task<T> AskAsync<T>(AgentHandle agent, object message, TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        var ask = agent.Actor.Ask<object>(message, timeout ?? CommandTimeout, cancellation);
        var first = await Task.WhenAny(ask, _lost.Task).ConfigureAwait(false);
        if (first == _lost.Task)
        {
            throw new ClusterException(await _lost.Task.ConfigureAwait(false), userInput: false);
        }

        object reply;
        try
        {
            reply = await ask.ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            throw new ClusterException($"{agent.Name} did not answer '{message.GetType().Name}' within {(timeout ?? CommandTimeout).TotalSeconds:0} s", userInput: false);
        }

        return reply switch
        {
            T answer => answer,
            Refused refused => throw new ClusterException($"{agent.Name}: {refused.Reason}", userInput: false),
            _ => throw new ClusterException($"{agent.Name} answered '{message.GetType().Name}' with {reply.GetType().Name}", userInput: false),
        };
    }

    public async ValueTask DisposeAsync() => await _node.DisposeAsync().ConfigureAwait(false);

    private async Task JoinAsync(IReadOnlyList<IPEndPoint> seeds, IPAddress bind, CancellationToken cancellation)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _node.Cluster.RegisterOnMemberUp(() => up.TrySetResult());
        _node.System.ActorOf(MembershipLookout.Props(OnLost), "lookout");
        _node.Join(seeds);
        var first = await Task.WhenAny(up.Task, _removed.Task, Task.Delay(JoinTimeout, cancellation)).ConfigureAwait(false);
        if (first == _removed.Task)
        {
            throw new ClusterException($"the cluster at {_seeds} removed this coordinator as it joined: the agents refuse a node whose secret differs from theirs (--secret-file or {ClusterSecret.EnvironmentVariable}); see the agents' logs", userInput: true);
        }

        if (first != up.Task)
        {
            throw new ClusterException(
                $"could not join the cluster at {_seeds} within {JoinTimeout.TotalSeconds:0} s from {bind}: is 'kechobench agent' running there (started with --bind at that address), and reachable from this host?",
                userInput: true);
        }
    }

    private async Task DiscoverAsync(CancellationToken cancellation)
    {
        var self = _node.SelfAddress;
        var members = _node.Cluster.State.Members
            .Where(m => m.Status == MemberStatus.Up && !m.Address.Equals(self)
                && (m.HasRole(AgentIdentity.LoadRole) || m.HasRole(AgentIdentity.ServerRole)))
            .ToList();
        if (members.Count == 0)
        {
            throw new ClusterException($"the cluster at {_seeds} has no agents (start 'kechobench agent --role load' or '--role server' on the hosts)", userInput: true);
        }

        var agents = await Task.WhenAll(members.Select(m => GreetAsync(m, cancellation))).ConfigureAwait(false);
        var mismatched = agents.Where(a => a.Info.Version != KEchoBenchVersion.Current).ToList();
        if (mismatched.Count > 0)
        {
            throw new ClusterException(
                string.Join("; ", mismatched.Select(a => $"version mismatch: {a.Name} runs kechobench {a.Info.Version}, this coordinator runs {KEchoBenchVersion.Current}"))
                + " (install the same build on every host)",
                userInput: true);
        }

        LoadAgents = [.. agents.Where(a => a.Info.Role == AgentIdentity.LoadRole).OrderBy(a => a.Address.Host, StringComparer.Ordinal).ThenBy(a => a.Address.Port)];
        ServerAgents = [.. agents.Where(a => a.Info.Role == AgentIdentity.ServerRole).OrderBy(a => a.Address.Host, StringComparer.Ordinal).ThenBy(a => a.Address.Port)];
    }

    /// <summary>Waits for the member to prove the secret to us and for it to admit us (its answer to Hello), within the gate's time.</summary>
    private async Task<AgentHandle> GreetAsync(Member member, CancellationToken cancellation)
    {
        var address = member.Address;
        var deadline = DateTime.UtcNow + Gatekeeper.AnswerTimeout + TimeSpan.FromSeconds(5);
        var selection = _node.System.ActorSelection(new RootActorPath(address) / "user" / "agent");
        string last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            cancellation.ThrowIfCancellationRequested();
            if (_refusedByUs.TryGetValue(address, out string? why))
            {
                throw new ClusterException($"the agent at {address.Host}:{address.Port} did not prove it holds this cluster's secret ({why}): the secrets differ", userInput: true);
            }

            if (_removed.Task.IsCompleted)
            {
                throw new ClusterException($"the agents refused this coordinator and removed it from the cluster: its secret differs from theirs (--secret-file or {ClusterSecret.EnvironmentVariable})", userInput: true);
            }

            if (_node.Admissions.IsAdmitted(address))
            {
                try
                {
                    object reply = await selection.Ask<object>(new Hello(KEchoBenchVersion.Current), TimeSpan.FromSeconds(3), cancellation).ConfigureAwait(false);
                    if (reply is AgentInfo info)
                    {
                        var actor = await selection.ResolveOne(TimeSpan.FromSeconds(3), cancellation).ConfigureAwait(false);
                        return new AgentHandle(actor, info, address);
                    }

                    last = reply is Refused refused ? refused.Reason : reply.GetType().Name;
                }
                catch (AskTimeoutException)
                {
                    last = "no answer to hello";
                }
            }

            await Task.Delay(200, cancellation).ConfigureAwait(false);
        }

        if (_removed.Task.IsCompleted)
        {
            throw new ClusterException($"the agents refused this coordinator and removed it from the cluster: its secret differs from theirs (--secret-file or {ClusterSecret.EnvironmentVariable})", userInput: true);
        }

        throw new ClusterException($"the agent at {address.Host}:{address.Port} did not admit this coordinator ({last}): do the secrets differ?", userInput: true);
    }

    private void OnLost(Address address, string how)
    {
        if (address.Equals(_node.SelfAddress))
        {
            _lost.TrySetResult($"this coordinator {how}");
        }
        else if (_used.TryGetValue(address, out var agent))
        {
            _lost.TrySetResult($"{agent.Name} {how}");
        }
    }

    /// <summary>The address of this host that the kernel would send from to reach <paramref name="seed"/>: the one the agents can answer.</summary>
    private static IPAddress LocalAddressTowards(IPEndPoint seed)
    {
        using var socket = new Socket(seed.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(seed);
        return ((IPEndPoint)socket.LocalEndPoint!).Address;
    }
}
