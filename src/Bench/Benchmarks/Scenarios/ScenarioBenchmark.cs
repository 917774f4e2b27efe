using System.Net;
using BenchmarkDotNet.Attributes;
using KEchoBench.Bench.Benchmarks.Profiles;
using KEchoBench.Bench.Benchmarks.Recording;
using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Results;
using KEchoBench.Servers.Configuration;
using KEchoBench.Bench.Benchmarks.HandOff;
using KEchoBench.Bench.Processes;
using KEchoBench.Bench.Benchmarks.ServersUnderTest;
using KEchoBench.Servers.Engines;

namespace KEchoBench.Bench.Benchmarks.Scenarios;

/// <summary>
/// What every scenario shares. Global setup starts the case's server as its own process (or
/// checks the external one); the measured operation is one load round; global cleanup stops the
/// server and leaves what the measured rounds recorded in a side file for the host's diagnoser.
/// </summary>
public abstract class ScenarioBenchmark
{
    private ILoadRound _load = new LoadGeneratorRound();
    private readonly CaseRecorder _recorder = new();
    private IServerUnderTest? _server;

    /// <summary>The engine: a built-in name, <c>external:HOST:PORT</c> or <c>native:PROGRAM</c> (from <c>--engines</c>, <c>--yardsticks</c>).</summary>
    [ParamsSource(nameof(EngineValues))]
    public string Engine { get; set; } = string.Empty;

    public static IEnumerable<string> EngineValues => BenchSettings.Current.Engines;

    /// <summary>The scenario's fixed name, one of <see cref="ScenarioCatalog.Names"/>.</summary>
    public abstract string Scenario { get; }

    private protected static BenchSettings Settings => BenchSettings.Current;

    private protected static BenchProfile Profile => Settings.Profile;

    /// <summary>The per-request and per-connect deadline: the profile's, unless the scenario is an experiment with its own.</summary>
    private protected virtual TimeSpan Timeout => Profile.Timeout;

    /// <summary>What the server does per request in this scenario.</summary>
    private protected virtual WorkModel Work => WorkModel.None;

    /// <summary>Whether the scenario asks its servers for work per request, which a native yardstick cannot do.</summary>
    internal bool HasServerWork => !Work.IsNone;

    /// <summary>Connections the scenario holds open at once (active clients, plus idle sessions).</summary>
    private protected abstract int Connections { get; }

    /// <summary>
    /// Listen backlog of spawned servers: kecho's 128, or the scenario's connection count if
    /// larger. A full backlog drops SYNs, and the retries (1 s, then 3 s) would stretch a round by
    /// seconds without touching any measured round trip: a kernel limit, not a concurrency model.
    /// </summary>
    private protected int Backlog => Math.Max(EngineOptions.DefaultBacklog, Connections);

    [GlobalSetup]
    public async Task StartServerAsync()
    {
        // Created before the first round so that no measured iteration starts unseen.
        _ = MeasuredIterations.Instance;
        try
        {
            var target = EngineTarget.Parse(Engine);
            if (Settings.Cluster is { } cluster && target.External is null)
            {
                // This benchmark process is the case's coordinator: the server runs on the server agent, the load on the load agents.
                var remote = await ClusterServer.StartAsync(cluster, Settings.SecretFile, target.Name, ["--work", ServerWork(target.Name).ToString(), "--backlog", Backlog.ToString(System.Globalization.CultureInfo.InvariantCulture), .. ServerOptions(target.Name)], CancellationToken.None).ConfigureAwait(false);
                _server = remote;
                _load = new ClusterLoadRound(remote);
            }
            else if (target.Native is { } program)
            {
                string folder = Settings.YardstickFolder ?? throw new InvalidOperationException($"{target.Name}: no yardsticks folder (set {NativeYardsticks.FolderVariable})");
                _server = await NativeServer.StartAsync(folder, program, Backlog, CancellationToken.None).ConfigureAwait(false);
                PlaceProcesses(_server);
            }
            else
            {
                _server = target.External is { } endPoint
                    ? await ExternalServer.ConnectAsync(endPoint, Settings.ServerPids.TryGetValue(target.Name, out int pid) ? pid : null, CancellationToken.None).ConfigureAwait(false)
                    : await SpawnedServer.StartAsync(target.Name, ServerWork(target.Name), Backlog, ServerOptions(target.Name), CancellationToken.None).ConfigureAwait(false);
                PlaceProcesses(_server);
            }

            await OnServerReadyAsync(_server.EndPoint).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The host learns why from the side file; BenchmarkDotNet learns that the case failed from the exception.
            SideFiles.Write(Settings.SideDirectory, System.Environment.ProcessId, Identity() with { Failure = e.Message });
            if (_server is not null)
            {
                await _server.DisposeAsync().ConfigureAwait(false);
                _server = null;
            }

            throw;
        }
    }

    /// <summary>
    /// Pins the server this case started and this process (the generator, BenchmarkDotNet's own
    /// threads with it) as the host decided; a server someone else runs is theirs to pin.
    /// </summary>
    private static void PlaceProcesses(IServerUnderTest server)
    {
        if (Settings.Placement is not { Pinned: true } placement)
        {
            return;
        }

        // A native yardstick is started here too, so it is pinned as a built-in engine's server is.
        int? started = server is SpawnedServer or NativeServer ? server.ProcessId : null;
        bool pinned = (started is not { } pid || placement.PinServer(pid)) && placement.PinGenerator();
        if (!pinned)
        {
            throw new InvalidOperationException($"could not pin ({placement}): sched_setaffinity refused; use --placement shared");
        }
    }

    /// <summary>One load round of the scenario; recorded only when BenchmarkDotNet is measuring, not warming up.</summary>
    [Benchmark]
    public async Task Round()
    {
        var server = _server ?? throw new InvalidOperationException("the server is not running");
        bool measured = MeasuredIterations.Instance.IsMeasuring;
        var shape = Shape(server.EndPoint) with { ServerPid = server.ProcessId, Attribution = Settings.Attribution };
        using var watch = new ServerWatch(server);
        var outcome = await _load.RunAsync(shape, CancellationToken.None).ConfigureAwait(false);
        var window = _load is ClusterLoadRound cluster ? cluster.LastWindow : watch.Finish();
        if (measured)
        {
            _recorder.Add(outcome, window);
        }
    }

    [GlobalCleanup]
    public async Task StopServerAsync()
    {
        await OnServerStoppingAsync().ConfigureAwait(false);
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
            _server = null;
        }

        var result = _recorder.Count > 0 || MeasuredIterations.Instance.IsListening
            ? _recorder.Build(Identity())
            : Identity() with { Failure = "BenchmarkDotNet's engine events were not seen: no round could be told apart from warm-up" };
        SideFiles.Write(Settings.SideDirectory, System.Environment.ProcessId, result);
    }

    /// <summary>
    /// The scenario's work plus any work injected into this engine (<c>--inject-work</c>). The case
    /// keeps the scenario's identity, so that a slowed run compares case by case with a normal one.
    /// </summary>
    private WorkModel ServerWork(string engine) =>
        Settings.InjectedWork.TryGetValue(engine, out string? extra) ? Work.Plus(WorkModel.Parse(extra)) : Work;

    /// <summary>Engine options the profile sets for this engine's servers, as <c>serve</c> arguments.</summary>
    private static string[] ServerOptions(string engine) =>
        Workers(engine) is { } workers ? ["--workers", workers] : [];

    /// <summary>The workqueue's worker count when the profile sets one (<see cref="BenchProfile.WorkqueueWorkers"/>), as text.</summary>
    private static string? Workers(string engine) =>
        EngineRegistry.TryGet(engine, out var descriptor) && descriptor.HasFixedWorkers && Profile.WorkqueueWorkers is { } workers
            ? workers.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>The load round this case measures, against the running server.</summary>
    private protected abstract RoundShape Shape(IPEndPoint target);

    /// <summary>The case's identity in the results: scenario, engine, clients, requests, other parameters.</summary>
    private protected abstract CaseResult Identity();

    private protected virtual Task OnServerReadyAsync(IPEndPoint target) => Task.CompletedTask;

    /// <summary>The server's counters now (null when its process is not known).</summary>
    private protected ProcessSample? SampleServer() => _server?.Sample();

    private protected virtual Task OnServerStoppingAsync() => Task.CompletedTask;

    /// <summary>
    /// A closed-loop round: each client connects, sends its requests one after another waiting for
    /// each echo, and hangs up after the last, as the study's telnet clients do. Every scenario's
    /// closed loop is of this kind (docs/benchmarks.md says why); only the idle scenario's silent
    /// sessions, opened apart, stay for the whole case.
    /// </summary>
    private protected RoundShape ClosedLoop(IPEndPoint target, int clients, int requests) => new()
    {
        Target = target,
        Mode = RoundMode.Closed,
        Clients = clients,
        Requests = requests,
        PayloadSize = Profile.PayloadSize,
        Timeout = Timeout,
        MinRoundDuration = MinRoundDuration,
    };

    /// <summary>A burst round, kecho bench.c's: every connection released at once, one message each, then closed.</summary>
    private protected RoundShape BurstRound(IPEndPoint target, int connections) => new()
    {
        Target = target,
        Mode = RoundMode.Burst,
        Clients = connections,
        Requests = 1,
        PayloadSize = Profile.PayloadSize,
        Timeout = Timeout,
    };

    /// <summary>The profile's minimum round duration, unless the scenario is an experiment whose rounds are the study's own.</summary>
    private protected virtual TimeSpan? MinRoundDuration => Profile.MinRoundDuration;

    /// <summary>
    /// This case's identity: scenario, engine, load point, the deadline, how the clients use their
    /// connections, the payload and the scenario's own parameters. Everything that changes what a
    /// round measures is in the key, so that two runs compare only like with like.
    /// </summary>
    private protected CaseResult CaseIdentity(int clients, int requests, params (string Key, string Value)[] parameters)
    {
        var shape = Shape(new IPEndPoint(IPAddress.Loopback, 0));
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CaseParameters.Timeout] = Format(shape.Timeout),
            [CaseParameters.Connections] = shape.Mode == RoundMode.Rate || shape.KeepOpen ? CaseParameters.KeepOpen : CaseParameters.HangUp,
            [CaseParameters.Size] = shape.Payload == Load.PayloadKind.Pattern
                ? $"{shape.PayloadSize}"
                : $"{(shape.Payload == Load.PayloadKind.Dummy ? Load.DummyMessage.Length : 0)}",
        };
        if (shape.MinRoundDuration is { } minimum && shape.Mode == RoundMode.Closed)
        {
            all[CaseParameters.MinRound] = Format(minimum);
        }

        foreach (var (key, value) in parameters)
        {
            all[key] = value;
        }

        if (shape.Payload == Load.PayloadKind.Telnet)
        {
            all.Remove(CaseParameters.Size); // telnet lines vary in length with the numbers they carry
        }

        if (Workers(Engine) is { } workers)
        {
            // A workqueue with more workers than the default is another case: never compared with the default's.
            all[CaseParameters.Workers] = workers;
        }

        return new CaseResult { Scenario = Scenario, Engine = Engine, Clients = clients, Requests = requests, Parameters = all };
    }

    /// <summary>A duration as the command line spells it: 500ms, 2s.</summary>
    private protected static string Format(TimeSpan duration) =>
        duration.Ticks % TimeSpan.TicksPerSecond == 0
            ? $"{(long)duration.TotalSeconds}s"
            : $"{(long)duration.TotalMilliseconds}ms";
}
