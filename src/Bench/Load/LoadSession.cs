using HdrHistogram;
using KEchoBench.Bench.Processes;
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
        session.CollectErrors(session._connectErrors);

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

        var started = DateTimeOffset.UtcNow;
        var clock = new RoundClock(Settings, duration, gate, cancellation);
        int burstRound = _burstRounds++;
        long perConnection = duration is null ? requests : 0;
        try
        {
            // One closure per round, not per request: each loop builds its plan once released,
            // when the clock has its start.
            await RunLoopsAsync(
                loop => loop.RunRound(PlanFor(loop, clock, perConnection, offered, burstRound)),
                clock.Started,
                clock.Finished,
                cancellation).ConfigureAwait(false);
        }
        finally
        {
            clock.Dispose();
        }

        var clientCpu = ProcessCpu.Now() - clock.CpuBefore;
        if (Settings.HangsUp)
        {
            ConnectionsEstablished = Math.Max(ConnectionsEstablished, _loops.Sum(l => l.MostConnected));
        }

        return Result(index, started, clock, clientCpu, cancellation);
    }

    /// <summary>What <paramref name="loop"/> is to do this round; read once the clock has started.</summary>
    private RoundPlan PlanFor(LoadLoop loop, RoundClock clock, long requests, double offered, int burstRound) => new(
        Settings.Mode,
        requests,
        clock.StartNs,
        clock.DeadlineNs,
        Settings.Mode == LoadMode.Rate ? 1e9 * Settings.Clients / (offered * loop.Count) : 0,
        burstRound,
        clock.MinimumEndNs);

    /// <summary>The round's figures, the loops' merged; the cancellation is read now, at the round's end.</summary>
    private LoadRound Result(int index, DateTimeOffset started, RoundClock clock, TimeSpan clientCpu, CancellationToken cancellation)
    {
        var errors = new Dictionary<LoadErrorKind, long>();
        CollectErrors(errors);
        BurstEchoes(out long[]? echoNs, out int[]? echoCounts);
        return new LoadRound
        {
            Index = index,
            Started = started,
            Requests = _loops.Sum(l => l.Latency.TotalCount),
            Errors = errors,
            Elapsed = TimeSpan.FromTicks((clock.EndNs - clock.StartNs) / 100),
            Latency = Merge(l => l.Latency),
            Uncorrected = Settings.Mode == LoadMode.Rate ? Merge(l => l.Uncorrected) : null,
            Connect = Settings.HangsUp ? Merge(l => l.Connect) : null,
            ClientsServed = _loops.Sum(l => l.ClientsServed),
            ClientsFailed = _loops.Sum(l => l.ClientsFailed),
            Repeats = _loops.Max(l => l.Repeats),
            BurstEchoNs = echoNs,
            BurstEchoCounts = echoCounts,
            ClientCpu = clientCpu,
            LoopAllocatedBytes = _loops.Sum(l => l.LastRoundAllocatedBytes),
            ServerBefore = clock.ServerBefore,
            ServerAfter = clock.ServerAfter,
            Attribution = clock.Attribution,
            Cancelled = cancellation.IsCancellationRequested,
        };
    }

    /// <summary>Adds every kind of error the loops counted (none left at zero) to <paramref name="errors"/>.</summary>
    private void CollectErrors(Dictionary<LoadErrorKind, long> errors)
    {
        foreach (var kind in LoadErrorNames.All)
        {
            long count = _loops.Sum(l => l.Errors[(int)kind]);
            if (count > 0)
            {
                errors[kind] = count;
            }
        }
    }

    /// <summary>A burst's echo time and count per client, in client order (null for other modes).</summary>
    private void BurstEchoes(out long[]? echoNs, out int[]? echoCounts)
    {
        echoNs = null;
        echoCounts = null;
        if (Settings.Mode != LoadMode.Burst)
        {
            return;
        }

        int clients = Settings.Clients;
        echoNs = new long[clients];
        echoCounts = new int[clients];
        for (int g = 0; g < clients; g++)
        {
            // Client g belongs to loop g mod threads, at index g / threads there.
            var loop = _loops[g % _loops.Length];
            echoNs[g] = loop.BurstEchoSumNs[g / _loops.Length];
            echoCounts[g] = loop.BurstCount[g / _loops.Length];
        }
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
