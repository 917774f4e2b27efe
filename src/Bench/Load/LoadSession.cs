using HdrHistogram;
using KEchoBench.Bench.Attribution;
using KEchoBench.Bench.Processes;
using KEchoBench.Bench.Timing;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Load;

/// <summary>
/// A set of event loops and their clients, for as many measured rounds as asked (a benchmark
/// iteration is one round). By default every round opens its own connections and each client
/// hangs up after its last echo (closed loop, burst); with <see cref="LoadSettings.KeepOpen"/> and
/// in the open loop the connections are opened once and kept, the byte streams simply continuing.
/// Client <c>g</c> belongs to loop <c>g mod threads</c>.
/// </summary>
internal sealed class LoadSession : IRoundRunner, IDisposable
{
    private readonly LoadLoop[] _loops;
    private readonly Dictionary<LoadErrorKind, long> _connectErrors = [];
    private int _burstRounds;
    private bool _disposed;

    private LoadSession(LoadSettings settings)
    {
        Settings = settings;
        var address = new NativeAddress(settings.Target);
        int threads = Math.Min(settings.Threads, settings.Clients);
        _loops = new LoadLoop[threads];
        for (int t = 0; t < threads; t++)
        {
            var ids = new List<int>();
            for (int g = t; g < settings.Clients; g += threads)
            {
                ids.Add(g);
            }

            _loops[t] = new LoadLoop(settings, address, ids);
        }
    }

    public LoadSettings Settings { get; }

    public int ConnectionsRequested => Settings.Clients;

    /// <summary>Connections open after <see cref="OpenAsync"/> (kept open); for clients that hang up, the most any round established.</summary>
    public int ConnectionsEstablished { get; private set; }

    /// <summary>Errors while opening the connections (refused, timed out), not part of any round.</summary>
    public IReadOnlyDictionary<LoadErrorKind, long> ConnectErrors => _connectErrors;

    /// <summary>Round trips verified so far over the session's life (for progress displays).</summary>
    public long Completed => _loops.Sum(l => l.Completed);

    /// <summary>Errors recorded in the round under way (read without locks: approximate while it runs).</summary>
    public long ErrorsInRound => _loops.Sum(l => l.Errors.Sum());

    /// <summary>Creates the loops and, when connections are kept open, opens every one of them.</summary>
    public static async Task<LoadSession> OpenAsync(LoadSettings settings, CancellationToken cancellation = default)
    {
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(settings));
        }

        var session = new LoadSession(settings);
        if (settings.HangsUp)
        {
            return session;
        }

        try
        {
            await session.RunLoopsAsync(loop => loop.OpenAll(), null, null, cancellation).ConfigureAwait(false);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        session.ConnectionsEstablished = session._loops.Sum(l => l.OpenConnections);
        foreach (var kind in LoadErrorNames.All)
        {
            long count = session._loops.Sum(l => l.Errors[(int)kind]);
            if (count > 0)
            {
                session._connectErrors[kind] = count;
            }
        }

        foreach (var loop in session._loops)
        {
            loop.ResetMeasurements();
        }

        return session;
    }

    /// <summary>
    /// Runs one round: <paramref name="requests"/> messages per connection, or for
    /// <paramref name="duration"/> (closed, rate); one burst (burst). Measurements start afresh.
    /// </summary>
    public Task<LoadRound> RunRoundAsync(int index, long requests, TimeSpan? duration, CancellationToken cancellation = default) =>
        RunRoundAsync(index, requests, duration, Settings.Rate, null, cancellation);

    /// <summary>The same at <paramref name="offered"/> requests/s in place of the settings' rate (open loop: a capacity search steps it over the same connections).</summary>
    public Task<LoadRound> RunRoundAsync(int index, long requests, TimeSpan? duration, double offered, CancellationToken cancellation = default) =>
        RunRoundAsync(index, requests, duration, offered, null, cancellation);

    /// <summary>As above; the round waits at its barrier until <paramref name="gate"/> is opened (a distributed round starts on every agent together).</summary>
    public Task<LoadRound> RunRoundAsync(int index, long requests, TimeSpan? duration, RoundGate? gate, CancellationToken cancellation) =>
        RunRoundAsync(index, requests, duration, Settings.Rate, gate, cancellation);

    private async Task<LoadRound> RunRoundAsync(int index, long requests, TimeSpan? duration, double offered, RoundGate? gate, CancellationToken cancellation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (var loop in _loops)
        {
            loop.ResetMeasurements();
        }

        ProcessSample? server = null;
        ProcessSample? serverAfter = null;
        RoundWatch? watch = null;
        RoundAttribution? attribution = null;
        long end = 0;
        var started = DateTimeOffset.UtcNow;
        var cpuBefore = ProcessCpu.Now();
        long start = 0;
        long deadline = 0;
        long minimumEnd = 0;
        int burstRound = _burstRounds++;
        int clients = Settings.Clients;

        // The clock starts when every loop thread is up and waiting at the barrier, not before, and
        // stops when the last loop is done; the server's CPU is read at the same two instants, so
        // that its window is the round's.
        void Started()
        {
            gate?.Pass(cancellation);
            watch = Settings.WatchThreads ? RoundWatch.Start(Settings.ServerPid) : null;
            server = Settings.ServerPid is int pid ? ProcFs.Sample(pid) : null;
            start = MonotonicClock.NowNs();
            deadline = duration is { } d ? start + (d.Ticks * 100) : 0;
            minimumEnd = duration is null && Settings.MinRoundDuration is { } m ? start + (m.Ticks * 100) : 0;
        }

        void Finished()
        {
            end = MonotonicClock.NowNs();
            serverAfter = Settings.ServerPid is int pid ? ProcFs.Sample(pid) : null;
            attribution = watch?.Finish(
                server is { PreciseCpu: true } b && serverAfter is { PreciseCpu: true } a ? a.CpuTime - b.CpuTime : null,
                ProcessCpu.Now() - cpuBefore);
        }

        try
        {
            await RunLoopsAsync(
                loop => loop.RunRound(new RoundPlan(
                    Settings.Mode,
                    duration is null ? requests : 0,
                    start,
                    deadline,
                    Settings.Mode == LoadMode.Rate ? 1e9 * clients / (offered * loop.Count) : 0,
                    burstRound,
                    minimumEnd)),
                Started,
                Finished,
                cancellation).ConfigureAwait(false);
        }
        finally
        {
            // A round that failed or was cancelled before its end stops the watch's timer too.
            watch?.Dispose();
        }

        var cpuAfter = ProcessCpu.Now();

        var errors = new Dictionary<LoadErrorKind, long>();
        foreach (var kind in LoadErrorNames.All)
        {
            long count = _loops.Sum(l => l.Errors[(int)kind]);
            if (count > 0)
            {
                errors[kind] = count;
            }
        }

        long[]? echoNs = null;
        int[]? echoCounts = null;
        if (Settings.Mode == LoadMode.Burst)
        {
            echoNs = new long[clients];
            echoCounts = new int[clients];
            for (int g = 0; g < clients; g++)
            {
                var loop = _loops[g % _loops.Length];
                echoNs[g] = loop.BurstEchoSumNs[g / _loops.Length];
                echoCounts[g] = loop.BurstCount[g / _loops.Length];
            }

        }

        if (Settings.HangsUp)
        {
            ConnectionsEstablished = Math.Max(ConnectionsEstablished, _loops.Sum(l => l.MostConnected));
        }

        return new LoadRound
        {
            Index = index,
            Started = started,
            Requests = _loops.Sum(l => l.Latency.TotalCount),
            Errors = errors,
            Elapsed = TimeSpan.FromTicks((end - start) / 100),
            Latency = Merge(l => l.Latency),
            Uncorrected = Settings.Mode == LoadMode.Rate ? Merge(l => l.Uncorrected) : null,
            Connect = Settings.HangsUp ? Merge(l => l.Connect) : null,
            ClientsServed = _loops.Sum(l => l.ClientsServed),
            ClientsFailed = _loops.Sum(l => l.ClientsFailed),
            Repeats = _loops.Max(l => l.Repeats),
            BurstEchoNs = echoNs,
            BurstEchoCounts = echoCounts,
            ClientCpu = cpuAfter - cpuBefore,
            LoopAllocatedBytes = _loops.Sum(l => l.LastRoundAllocatedBytes),
            ServerBefore = server,
            ServerAfter = serverAfter,
            Attribution = attribution,
            Cancelled = cancellation.IsCancellationRequested,
        };
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var loop in _loops)
        {
            loop.Dispose();
        }
    }

    private LongHistogram Merge(Func<LoadLoop, LongHistogram> pick)
    {
        var merged = HistogramFigures.NewHistogram();
        foreach (var loop in _loops)
        {
            merged.Add(pick(loop));
        }

        return merged;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on every loop, each on a thread of its own (they block in
    /// epoll_wait), released together by a barrier once all are up, as kecho's bench released its
    /// threads. <paramref name="finished"/> runs on the last loop to finish, before the task completes.
    /// </summary>
    private Task RunLoopsAsync(Action<LoadLoop> work, Action? started, Action? finished, CancellationToken cancellation)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = new Barrier(_loops.Length, _ => started?.Invoke());
        int remaining = _loops.Length;
        Exception? failure = null;
        var registration = cancellation.Register(() =>
        {
            foreach (var loop in _loops)
            {
                loop.RequestStop();
            }
        });
        for (int t = 0; t < _loops.Length; t++)
        {
            var loop = _loops[t];
            var thread = new Thread(() =>
            {
                try
                {
                    start.SignalAndWait();
                    work(loop);
                }
                catch (Exception e)
                {
                    failure = e;
                }
                finally
                {
                    if (Interlocked.Decrement(ref remaining) == 0)
                    {
                        finished?.Invoke();
                        registration.Dispose();
                        start.Dispose();
                        if (failure is null)
                        {
                            done.SetResult();
                        }
                        else
                        {
                            done.SetException(failure);
                        }
                    }
                }
            })
            {
                IsBackground = true,
                Name = $"kechobench-load-{t}",
            };
            thread.Start();
        }

        return done.Task;
    }
}
