using System.Net;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using KEchoBench.Bench.Distributed.Protocol;
using KEchoBench.Bench.Processes;
using KEchoBench.Servers.Engines;

namespace KEchoBench.Bench.Distributed;

/// <summary>
/// The <c>server</c> role (<c>/user/agent</c> on the server's host): starts <c>kechobench serve</c>
/// with options that serve's own parser accepts (or the one external command the agent was started
/// with), bound to the agent's address; reads the server's CPU, threads and memory from /proc on
/// this host over each round; stops it. Obeys only admitted members, and stops the server when its
/// coordinator leaves or becomes unreachable.
/// </summary>
internal sealed class ServerAgent : ReceiveActor
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SamplePeriod = TimeSpan.FromMilliseconds(10);

    private readonly AgentIdentity _identity;
    private readonly Admissions _admissions;
    private readonly IPAddress _bind;
    private readonly Func<string, IReadOnlyList<string>, string?> _validate;
    private readonly ExternalCommand? _external;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IManagedServer? _server;
    private ProcessWatch? _watch;
    private Address? _owner;
    private bool _starting;

    /// <param name="validate">Checks <c>serve</c>'s options for an engine; returns the problem, or null when <c>serve</c> accepts them.</param>
    public ServerAgent(AgentIdentity identity, Admissions admissions, IPAddress bind, Func<string, IReadOnlyList<string>, string?> validate, ExternalCommand? external)
    {
        _identity = identity;
        _admissions = admissions;
        _bind = bind;
        _validate = validate;
        _external = external;
        Receive<Hello>(_ => Obey("hello", () => Sender.Tell(_identity.Info())));
        Receive<StartServer>(start => Obey(Describe(start), () => Start(start)));
        Receive<Started>(started =>
        {
            _starting = false;
            if (_owner is null)
            {
                _ = started.Server.StopAsync(StopTimeout);
                return;
            }

            _server = started.Server;
            _log.Info("kechobench agent: server started: {0} (pid {1}) on {2}", started.Server.CommandLine, started.Server.Pid, started.Server.EndPoint);
            started.ReplyTo.Tell(new ServerStarted(started.Server.EndPoint.Address.ToString(), started.Server.EndPoint.Port, started.Server.Pid, started.Server.CommandLine));
        });
        Receive<StartFailed>(failed =>
        {
            _starting = false;
            _owner = null;
            _log.Warning("kechobench agent: the server did not start: {0}", failed.Why);
            failed.ReplyTo.Tell(new Refused($"the server did not start on {_identity.HostName}: {failed.Why}"));
        });
        Receive<WatchServer>(_ => Obey(null, () =>
        {
            _watch?.Dispose();
            _watch = _server is null ? null : new ProcessWatch(_server.Pid, SamplePeriod);
            Sender.Tell(new Done("watching"));
        }));
        Receive<EndWatch>(_ => Obey(null, () =>
        {
            var figures = _watch?.Finish() ?? new ServerFigures(null, null, false, 0, 0, 0);
            _watch = null;
            Sender.Tell(figures);
        }));
        Receive<StopServer>(_ => Obey("stop the server", () =>
        {
            var replyTo = Sender;
            StopAndForget().PipeTo(replyTo);
        }));
        Receive<ClusterEvent.UnreachableMember>(e => OwnerLost(e.Member.Address, "unreachable"));
        Receive<ClusterEvent.MemberRemoved>(e => OwnerLost(e.Member.Address, "removed from the cluster"));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
    }

    public static Props Props(AgentIdentity identity, Admissions admissions, IPAddress bind, Func<string, IReadOnlyList<string>, string?> validate, ExternalCommand? external) =>
        Akka.Actor.Props.Create(() => new ServerAgent(identity, admissions, bind, validate, external));

    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.UnreachableMember), typeof(ClusterEvent.MemberRemoved));

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        _watch?.Dispose();
        if (_server is { } server)
        {
            server.StopAsync(StopTimeout).GetAwaiter().GetResult();
        }
    }

    /// <summary>Runs <paramref name="action"/> for the admitted member that owns the server (or anyone admitted when none does); logs each command it accepts (null: not logged, the per-round watch) and each it refuses.</summary>
    private void Obey(string? what, Action action)
    {
        var from = Sender.Path.Address;
        if (!_admissions.IsAdmitted(from))
        {
            _log.Warning("kechobench agent: refused '{0}' from {1}: not an admitted member (no proof of the secret)", what ?? "watch", from);
            Sender.Tell(new Refused($"{_identity.HostName}: not admitted (the coordinator has not proved it holds the cluster's secret)"));
            return;
        }

        if (_owner is { } owner && !owner.Equals(from))
        {
            _log.Warning("kechobench agent: refused '{0}' from {1}: busy with coordinator {2}", what ?? "watch", from, owner);
            Sender.Tell(new Refused($"{_identity.HostName}: busy with another coordinator ({owner})"));
            return;
        }

        if (what is not null)
        {
            _log.Info("kechobench agent: accepted '{0}' from {1}", what, from);
        }

        action();
    }

    private static string Describe(StartServer start) =>
        start.Engine == StartServer.ExternalCommand ? "start the external server command" : $"kechobench serve --engine {start.Engine} {string.Join(' ', start.Options)}".TrimEnd();

    private void Start(StartServer start)
    {
        if (_server is not null || _starting)
        {
            Sender.Tell(new Refused($"{_identity.HostName}: a server is already running (pid {_server?.Pid})"));
            return;
        }

        string? problem = start.Engine == StartServer.ExternalCommand
            ? (_external is null ? "this agent was not started with --server-command: it runs only kechobench serve" : start.Options.Length > 0 ? "the external command takes no options from the coordinator" : null)
            : !EngineRegistry.TryGet(start.Engine, out _)
                ? $"unknown engine '{start.Engine}'; allowed: {string.Join(", ", EngineRegistry.Names)}"
                : _validate(start.Engine, start.Options);
        if (problem is not null)
        {
            _log.Warning("kechobench agent: refused to start a server: {0}", problem);
            Sender.Tell(new Refused($"{_identity.HostName}: {problem}"));
            return;
        }

        _starting = true;
        _owner = Sender.Path.Address;
        var replyTo = Sender;
        Task<IManagedServer> starting = start.Engine == StartServer.ExternalCommand
            ? _external!.StartAsync(_bind, ReadyTimeout)
            : ServeProcess.StartAsync(start.Engine, ["--bind", _bind.ToString(), .. start.Options], ReadyTimeout);
        starting.PipeTo(Self, success: s => new Started(s, replyTo), failure: e => new StartFailed(e.Message, replyTo));
    }

    private async Task<ServerStopped> StopAndForget()
    {
        _watch?.Dispose();
        _watch = null;
        var server = _server;
        _server = null;
        _owner = null;
        if (server is null)
        {
            return new ServerStopped(0, false, true, string.Empty);
        }

        var exit = await server.StopAsync(StopTimeout).ConfigureAwait(false);
        return new ServerStopped(exit.ExitCode, exit.Killed, exit.Clean, exit.ErrorOutput);
    }

    private void OwnerLost(Address member, string how)
    {
        if (_owner is { } owner && owner.Equals(member))
        {
            _log.Warning("kechobench agent: coordinator {0} {1}: stopping its server", member, how);
            _ = StopAndForget();
        }
    }

    private sealed record Started(IManagedServer Server, IActorRef ReplyTo);

    private sealed record StartFailed(string Why, IActorRef ReplyTo);
}
