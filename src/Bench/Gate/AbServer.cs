using KEchoBench.Bench.Attribution;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Processes;
using KEchoBench.Bench.Results;
using KEchoBench.Servers.Configuration;

namespace KEchoBench.Bench.Gate;

/// <summary>
/// One side of an A/B pair: a server process (the base's or the head's) with a closed-loop and an
/// open-loop session of the load generator connected to it, measured one round at a time.
/// </summary>
internal sealed class AbServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AllocationTimeout = TimeSpan.FromSeconds(2);

    private readonly ServerProcess _process;
    private readonly AbSettings _settings;
    private readonly CancellationTokenRegistration _stopOnCancel;
    private LoadSession? _closed;
    private LoadSession? _open;

    private AbServer(ServerProcess process, AbSettings settings, CancellationToken cancellation)
    {
        _process = process;
        _settings = settings;

        // A cancelled gate (Ctrl-C, a CI job stopped) may be ended before its disposals run; the
        // servers are told to stop the moment it is cancelled, so that none is left running.
        _stopOnCancel = cancellation.Register(process.RequestStop);
    }

    public int Pid => _process.Pid;

    /// <summary>Starts the base's server (<paramref name="command"/>) or, when null, this build's with the injected work.</summary>
    public static async Task<AbServer> StartAsync(BaseServer? command, string engine, AbSettings settings, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var process = await StartProcessAsync(command, engine, settings.InjectedWork, cancellation).ConfigureAwait(false);
        return new AbServer(process, settings, cancellation);
    }

    /// <summary>
    /// The server process of one side: the base's (<paramref name="command"/>, as it is) or, when
    /// null, this build's with <paramref name="injected"/> work. The pairs and <c>ab --capacity</c>'s
    /// searches start their servers alike.
    /// </summary>
    internal static Task<ServerProcess> StartProcessAsync(BaseServer? command, string engine, WorkModel injected, CancellationToken cancellation)
    {
        WorkModel work = command is null ? injected : WorkModel.None;
        string[] arguments = work.IsNone ? [] : ["--work", work.ToString()];
        return command is null
            ? ServerProcess.StartAsync(engine, arguments, ReadyTimeout, cancellation)
            : ServerProcess.StartAsync(command.FileName, command.Prefix, engine, arguments, ReadyTimeout, cancellation);
    }

    /// <summary>Connects the closed loop and runs it unmeasured for the warm-up; returns the requests/s it reached.</summary>
    public async Task<double> WarmUpAsync(CancellationToken cancellation)
    {
        // The closed loop reads the server's CPU at its round's own clock edges, as bench's rounds do.
        _closed ??= await LoadSession.OpenAsync(Settings(LoadMode.Closed, 0) with { ServerPid = Pid, WatchThreads = false }, cancellation).ConfigureAwait(false);
        var round = await _closed.RunRoundAsync(-1, 0, _settings.Warmup, cancellation).ConfigureAwait(false);
        return round.Elapsed > TimeSpan.Zero ? round.Requests / round.Elapsed.TotalSeconds : 0;
    }

    /// <summary>Connects the open loop at <paramref name="rate"/> requests/s and runs it once unmeasured.</summary>
    public async Task OpenRateAsync(double rate, CancellationToken cancellation)
    {
        _open = await LoadSession.OpenAsync(Settings(LoadMode.Rate, rate), cancellation).ConfigureAwait(false);
        await _open.RunRoundAsync(-1, 0, _settings.RateRound / 2, cancellation).ConfigureAwait(false);
    }

    /// <summary>One measured closed-loop round and one open-loop round.</summary>
    public async Task<SideRound> MeasureAsync(int index, CancellationToken cancellation)
    {
        if (_closed is null || _open is null)
        {
            throw new InvalidOperationException("warm the server up and open its rate session first");
        }

        // Asked outside the CPU and context-switch window: answering costs the server a wake-up.
        long? allocatedBefore = await _process.AllocatedBytesAsync(AllocationTimeout).ConfigureAwait(false);
        var activityBefore = ProcFs.Activity(Pid);
        var threads = ProcReader.System.Snapshot(Pid) is { } start ? new ThreadTimeLedger(start) : null;
        var stealBefore = ProcFs.StealTime();
        var closed = await _closed.RunRoundAsync(index, _settings.Requests, null, cancellation).ConfigureAwait(false);
        var stealAfter = ProcFs.StealTime();
        var threadsEnd = ProcReader.System.Snapshot(Pid);
        var activityAfter = ProcFs.Activity(Pid);
        long? allocatedAfter = await _process.AllocatedBytesAsync(AllocationTimeout).ConfigureAwait(false);
        var open = await _open.RunRoundAsync(index, 0, _settings.RateRound, cancellation).ConfigureAwait(false);

        var times = threads is not null && threadsEnd is not null ? threads.Finish(threadsEnd, null, ProcFs.TicksPerSecond) : null;

        // The catalog's figures, then the gate's own, which no round measures (GateMetric.GateOnly).
        var values = GateMetric.FromCatalog(WithServerThreads(Figures(closed), times), Figures(open));
        double requests = Math.Max(1, closed.Requests);
        if (allocatedBefore is { } a0 && allocatedAfter is { } a1)
        {
            values[GateMetric.Allocated.Name] = (a1 - a0) / requests;
        }

        if (activityBefore is not null && activityAfter is not null)
        {
            var delta = activityAfter.Since(activityBefore);
            values[GateMetric.Reads.Name] = delta.ReadCalls / requests;
            values[GateMetric.Writes.Name] = delta.WriteCalls / requests;
        }

        double steal = stealBefore is { } s0 && stealAfter is { } s1 && closed.Elapsed > TimeSpan.Zero
            ? (s1 - s0).TotalSeconds / (closed.Elapsed.TotalSeconds * Environment.ProcessorCount)
            : 0;
        return new SideRound(values, steal, closed.Requests + open.Requests, closed.ErrorCount + open.ErrorCount);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopOnCancel.DisposeAsync().ConfigureAwait(false);
        _closed?.Dispose();
        _open?.Dispose();
        await _process.StopAsync(StopTimeout).ConfigureAwait(false);
        await _process.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// A round as the report's iteration, so that the gate's figures a round measures are the catalog's (Metrics).
    /// Unlike bench, a short round keeps its CPU figure: the gate decides on the median of many
    /// pairs' ratios, where one reading's offset from the round's edges is scatter the pairing
    /// absorbs, and its rounds are short by design (--requests).
    /// </summary>
    private static IterationResult Figures(LoadRound round) =>
        IterationBuilder.Of(round.ToOutcome() with { ServerCpuAbsent = null }, round.ServerWindow, LoadReport.ServerUnknown);

    /// <summary>
    /// The closed round's iteration with the server's threads read at the round's two edges as its
    /// attribution (the round's own watch is off: sampling in between costs the server CPU), so
    /// that the catalog's switches and run-queue wait (vcsw, ivcsw, runq) are computed from them;
    /// unchanged when they could not be read.
    /// </summary>
    internal static IterationResult WithServerThreads(IterationResult closed, ProcessTimes? server)
    {
        ArgumentNullException.ThrowIfNull(closed);
        return server is null ? closed : closed with { Attribution = (closed.Attribution ?? new RoundAttribution()) with { Server = server } };
    }

    private LoadSettings Settings(LoadMode mode, double rate) => new()
    {
        Target = _process.EndPoint,
        Mode = mode,
        Clients = _settings.Clients,
        Requests = _settings.Requests,
        Rate = rate,
        Rounds = 1,
    };
}
