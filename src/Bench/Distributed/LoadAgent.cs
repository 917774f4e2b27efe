using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using KEchoBench.Bench.Distributed.Protocol;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.RunEnvironment;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Distributed;

/// <summary>
/// The <c>load</c> role (<c>/user/agent</c> on a load agent): runs its share of each round with
/// <c>kechobench load</c>'s own generator, held at the barrier until the coordinator releases every
/// agent at once, and answers with its counts, errors, CPU and encoded histograms. It obeys only
/// admitted members, one coordinator at a time, and drops everything when that coordinator leaves
/// or becomes unreachable.
/// </summary>
#pragma warning disable CA1001 // an actor releases what it owns in PostStop, not through IDisposable
internal sealed class LoadAgent : ReceiveActor
#pragma warning restore CA1001
{
    private readonly AgentIdentity _identity;
    private readonly Admissions _admissions;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private LoadSession? _session;
    private RoundGate? _gate;
    private CancellationTokenSource _cancel = new();
    private IdleSessions? _idle;
    private Task _running = Task.CompletedTask;

    // The round's result goes to whoever released it (StartRound); kept when it ends before that (cancelled).
    private IActorRef? _finishTo;
    private AgentRound? _finished;
    private Address? _owner;
    private bool _busy;

    public LoadAgent(AgentIdentity identity, Admissions admissions)
    {
        _identity = identity;
        _admissions = admissions;
        Receive<Hello>(hello => Obey(hello, () =>
        {
            if (hello.CoordinatorVersion != KEchoBenchVersion.Current)
            {
                _log.Warning("kechobench agent: coordinator {0} runs kechobench {1}, this agent {2}", Sender.Path.Address, hello.CoordinatorVersion, KEchoBenchVersion.Current);
            }

            Sender.Tell(_identity.Info());
        }));
        Receive<OpenLoad>(open => Obey(open, () => Open(open)));
        Receive<Opened>(opened =>
        {
            _busy = false;
            if (_owner is null)
            {
                opened.Session.Dispose(); // its coordinator left while the connections opened
                return;
            }

            _session = opened.Session;
            var errors = opened.Session.ConnectErrors.ToDictionary(e => LoadErrorNames.Of(e.Key), e => e.Value);
            opened.ReplyTo.Tell(new LoadOpened(opened.Session.ConnectionsEstablished, errors));
        });
        Receive<PrepareRound>(prepare => Obey(prepare, () => Prepare(prepare)));
        Receive<StartRound>(start => Obey(start, () =>
        {
            _finishTo = Sender;
            _gate?.Open();
            Deliver();
        }));
        Receive<Finished>(finished =>
        {
            _busy = false;
            _gate?.Dispose();
            _gate = null;
            _finished = AgentRounds.From(finished.Round, _session?.ConnectionsEstablished ?? 0);
            Deliver();
        });
        Receive<CloseLoad>(close => Obey(close, () =>
        {
            CloseAll(keepIdle: true);
            Sender.Tell(new Done("load closed"));
        }));
        Receive<OpenIdle>(idle => Obey(idle, () => OpenIdleSessions(idle)));
        Receive<IdleOpened>(opened =>
        {
            _busy = false;
            _idle = opened.Sessions;
            opened.ReplyTo.Tell(new Done($"{opened.Sessions.Count} idle sessions open"));
        });
        Receive<CloseIdle>(close => Obey(close, () =>
        {
            CloseIdleSessions();
            Sender.Tell(new Done("idle sessions closed"));
        }));
        Receive<Failed>(failed =>
        {
            _busy = false;
            _log.Warning("kechobench agent: {0} failed: {1}", failed.What, failed.Why);
            var to = failed.What.StartsWith("round", StringComparison.Ordinal) && _finishTo is { } releaser ? releaser : failed.ReplyTo;
            _finishTo = null;
            to.Tell(new Refused($"{failed.What} failed on {_identity.HostName}: {failed.Why}"));
        });
        Receive<ClusterEvent.UnreachableMember>(e => OwnerLost(e.Member.Address, "unreachable"));
        Receive<ClusterEvent.MemberRemoved>(e => OwnerLost(e.Member.Address, "removed from the cluster"));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
    }

    public static Props Props(AgentIdentity identity, Admissions admissions) =>
        Akka.Actor.Props.Create(() => new LoadAgent(identity, admissions));

    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.UnreachableMember), typeof(ClusterEvent.MemberRemoved));

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        CloseAll(keepIdle: false);
        _cancel.Dispose();
    }

    /// <summary>Runs <paramref name="action"/> for an admitted member (the coordinator that owns this agent, once it has one); logs every command it accepts and every one it refuses.</summary>
    private void Obey(object command, Action action)
    {
        var from = Sender.Path.Address;
        if (!_admissions.IsAdmitted(from))
        {
            _log.Warning("kechobench agent: refused {0} from {1}: not an admitted member (no proof of the secret)", command.GetType().Name, from);
            Sender.Tell(new Refused($"{_identity.HostName}: not admitted (the coordinator has not proved it holds the cluster's secret)"));
            return;
        }

        if (command is not Hello && _owner is { } owner && !owner.Equals(from))
        {
            _log.Warning("kechobench agent: refused {0} from {1}: busy with coordinator {2}", command.GetType().Name, from, owner);
            Sender.Tell(new Refused($"{_identity.HostName}: busy with another coordinator ({owner})"));
            return;
        }

        if (command is not (Hello or StartRound))
        {
            _log.Info("kechobench agent: accepted {0} from {1}", Describe(command), from);
        }

        if (command is OpenLoad or OpenIdle)
        {
            _owner = from;
        }

        action();
    }

    private static string Describe(object command) => command switch
    {
        OpenLoad open => "load " + LoadShares.Describe(open.Share),
        PrepareRound prepare => $"round {prepare.Index}",
        OpenIdle idle => $"{idle.Count} idle sessions to {idle.TargetHost}:{idle.TargetPort}",
        _ => command.GetType().Name,
    };

    private void Open(OpenLoad open)
    {
        if (_busy || _session is not null)
        {
            Sender.Tell(new Refused($"{_identity.HostName}: a load is already open"));
            return;
        }

        LoadSettings settings;
        try
        {
            settings = LoadShares.ToSettings(open.Share);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            Sender.Tell(new Refused($"{_identity.HostName}: invalid load share: {e.Message}"));
            return;
        }

        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            Sender.Tell(new Refused($"{_identity.HostName}: {string.Join("; ", problems)}"));
            return;
        }

        if (OpenFileLimit.EnsureAtLeast(settings.Clients + 64) is { } limit)
        {
            Sender.Tell(new Refused($"{_identity.HostName}: {limit}"));
            return;
        }

        _busy = true;
        _cancel = new CancellationTokenSource();
        var replyTo = Sender;
        LoadSession.OpenAsync(settings, _cancel.Token).PipeTo(Self, success: s => new Opened(s, replyTo), failure: e => new Failed("opening the load", e.Message, replyTo));
    }

    private void Prepare(PrepareRound prepare)
    {
        if (_session is null || _busy)
        {
            Sender.Tell(new Refused($"{_identity.HostName}: no load open, or a round already running"));
            return;
        }

        _busy = true;
        _finishTo = null;
        _finished = null;
        _gate = new RoundGate();
        var replyTo = Sender;
        var self = Self;
        var gate = _gate;
        var round = _session.RunRoundAsync(prepare.Index, prepare.Requests, prepare.DurationTicks is { } d ? TimeSpan.FromTicks(d) : null, gate, _cancel.Token);
        _running = round;
        gate.Ready.ContinueWith(_ => replyTo.Tell(new RoundReady(prepare.Index), self), TaskScheduler.Default);
        round.PipeTo(Self, success: r => new Finished(r), failure: e => new Failed($"round {prepare.Index}", e.Message, replyTo));
    }

    private void Deliver()
    {
        if (_finishTo is { } to && _finished is { } round)
        {
            to.Tell(round);
            _finishTo = null;
            _finished = null;
        }
    }

    private void OpenIdleSessions(OpenIdle idle)
    {
        if (_idle is not null || _busy)
        {
            Sender.Tell(new Refused($"{_identity.HostName}: idle sessions are already open"));
            return;
        }

        if (!System.Net.IPAddress.TryParse(idle.TargetHost, out var address) || idle.Count < 0 || idle.TimeoutTicks <= 0)
        {
            Sender.Tell(new Refused($"{_identity.HostName}: invalid idle sessions request"));
            return;
        }

        _busy = true;
        var replyTo = Sender;
        IdleSessions.OpenAsync(new System.Net.IPEndPoint(address, idle.TargetPort), idle.Count, TimeSpan.FromTicks(idle.TimeoutTicks), CancellationToken.None)
            .PipeTo(Self, success: s => new IdleOpened(s, replyTo), failure: e => new Failed("opening idle sessions", e.Message, replyTo));
    }

    private void OwnerLost(Address member, string how)
    {
        if (_owner is { } owner && owner.Equals(member))
        {
            _log.Warning("kechobench agent: coordinator {0} {1}: stopping its load", member, how);
            CloseAll(keepIdle: false);
        }
    }

    private void CloseAll(bool keepIdle)
    {
        _cancel.Cancel();
        _gate?.Open();
        if (_session is { } session)
        {
            // A round still running owns the session's sockets and buffers until its threads return.
            _running.ContinueWith(_ => session.Dispose(), TaskScheduler.Default);
        }

        _session = null;
        if (!keepIdle)
        {
            CloseIdleSessions();
            _owner = null;
        }
        else if (_idle is null)
        {
            _owner = null;
        }
    }

    private void CloseIdleSessions()
    {
        if (_idle is { } idle)
        {
            idle.DisposeAsync().AsTask().Wait();
            _idle = null;
        }

        if (_session is null)
        {
            _owner = null;
        }
    }

    private sealed record Opened(LoadSession Session, IActorRef ReplyTo);

    private sealed record Finished(LoadRound Round);

    private sealed record IdleOpened(IdleSessions Sessions, IActorRef ReplyTo);

    private sealed record Failed(string What, string Why, IActorRef ReplyTo);
}
