using KEchoBench.Bench.Processes;
using KEchoBench.Bench.Results;
using KEchoBench.Servers.Statistics;

namespace KEchoBench.Bench.Attribution;

/// <summary>
/// Watches where a round's time goes: the server's threads (when its process is known), read in
/// full at the round's start and end and their <c>schedstat</c> every <see cref="Period"/> while it
/// runs (so that threads which start and end within the round are seen); the load generator's
/// own threads at the two edges only (they are made before the round and live through it); and
/// the kernel's TCP counters at the two edges; and, for a <c>kechobench serve</c> server, the .NET
/// runtime's counters at the edges and at every poll (<see cref="RuntimeCounterClient"/>). The watch runs on the same CPUs as the server and
/// the load generator, so what it reads is taken from them: docs/methodology.md has the cost.
/// </summary>
internal sealed class RoundWatch : IDisposable
{
    /// <summary>
    /// How often the server's threads are read between the edges. A thread that lives less than
    /// this may be missed (<see cref="ProcessTimes.SeenCpuShare"/> says how much was); reading more
    /// often costs CPU the server and the load generator would use (at 20 ms, reading both
    /// processes' threads in full, it halved the thread engine's throughput: 2026-12-05).
    /// </summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    private readonly ProcReader _proc;
    private readonly int? _serverPid;
    private readonly int _clientPid;
    private readonly ThreadTimeLedger? _server;
    private readonly ThreadTimeLedger? _client;
    private readonly TcpCounters? _tcpBefore;
    private readonly Lock _gate = new();
    private ProcessSnapshot? _serverLast;
    /// <summary>
    /// The runtime's counters are read at every this many polls (every 500 ms) besides the edges:
    /// each read wakes a thread in the server, about 0.15 ms of its CPU on the development VM, so
    /// at every poll they cost a nearly idle server (a starved workqueue, a sleeping one) up to a
    /// seventh of its CPU (docs/measurements/2026-12-06-runtime-counters.md).
    /// </summary>
    private const int RuntimeEveryPolls = 5;

    private readonly RuntimeCounterClient? _runtime;
    private int _ticks;
    private int _observed;
    private readonly RuntimeCounters? _runtimeBefore;
    private readonly string? _runtimeAbsent;
    private long _poolThreadsPeak;
    private long _queuePeak;
    private int _runtimeSamples;
    private readonly Timer? _timer;
    private bool _finished;

    private RoundWatch(ProcReader proc, int? serverPid, int clientPid, TimeSpan? period, Func<int, string> runtimeEndpoint)
    {
        _proc = proc;
        _serverPid = serverPid;
        _clientPid = clientPid;
        _tcpBefore = proc.Tcp();
        _serverLast = serverPid is int pid ? proc.Snapshot(pid) : null;
        _server = _serverLast is { } s ? new ThreadTimeLedger(s) : null;
        _client = proc.Snapshot(clientPid) is { } c ? new ThreadTimeLedger(c) : null;
        if (_server is not null && serverPid is int known)
        {
            _runtime = RuntimeCounterClient.Connect(runtimeEndpoint(known), out _runtimeAbsent);
            _runtimeBefore = _runtime?.Read(out _runtimeAbsent);
            ObserveRuntime(_runtimeBefore);
        }

        if (_server is not null && period is { } p && p > TimeSpan.Zero)
        {
            _timer = new Timer(_ => Poll(), null, p, p);
        }
    }

    /// <summary>Starts watching the server <paramref name="serverPid"/> (null: unknown) and this process.</summary>
    /// <param name="serverPid">The server's process id; null when unknown.</param>
    /// <param name="period">How often the server is read between the edges (<see cref="Period"/> when null).</param>
    /// <param name="proc">The /proc tree to read (the real one when null).</param>
    /// <param name="runtimeEndpoint">Where a process's runtime counters endpoint is (<see cref="RuntimeCountersEndpoint.PathFor"/> when null): tests give a path of their own, not the real one of a process with their made-up id.</param>
    public static RoundWatch Start(int? serverPid, TimeSpan? period = null, ProcReader? proc = null, Func<int, string>? runtimeEndpoint = null) =>
        new(proc ?? ProcReader.System, serverPid, Environment.ProcessId, period ?? Period, runtimeEndpoint ?? RuntimeCountersEndpoint.PathFor);

    /// <summary>
    /// How many reads of the server between the edges were added so far. The polls run on the
    /// ThreadPool's timer, so the first may come late when the pool is busy (a test host holding
    /// all of a small machine's pool threads delays it until the pool adds one, half a second on).
    /// </summary>
    public int Polls
    {
        get
        {
            lock (_gate)
            {
                return _observed;
            }
        }
    }

    /// <summary>Stops watching and gives the round's figures.</summary>
    /// <param name="serverCpu">The server's CPU time over the round by its CPU clock, when read.</param>
    /// <param name="clientCpu">This process's CPU time over the round.</param>
    public RoundAttribution Finish(TimeSpan? serverCpu, TimeSpan? clientCpu)
    {
        _timer?.Dispose();
        var tcpAfter = _proc.Tcp();
        lock (_gate)
        {
            _finished = true;
            var server = _server is not null && _serverPid is int pid && _proc.Snapshot(pid) is { } s
                ? _server.Finish(s, serverCpu, ProcFs.TicksPerSecond)
                : null;
            var client = _client is not null && _proc.Snapshot(_clientPid) is { } c
                ? _client.Finish(c, clientCpu, ProcFs.TicksPerSecond)
                : null;
            var (runtime, runtimeAbsent) = RuntimeOver(server is not null);
            return new RoundAttribution
            {
                Server = server,
                Client = client,
                Tcp = _tcpBefore is { } b && tcpAfter is { } a ? Moved(a.Since(b)) : null,
                Runtime = runtime,
                RuntimeAbsent = runtimeAbsent,
            };
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _runtime?.Dispose();
    }

    /// <summary>The runtime's figures over the round: the edges' difference and the peaks seen; the reason when there are none.</summary>
    /// <param name="serverRead">Whether the server's threads were read at the round's end (no runtime figures when not).</param>
    private (RuntimeMoved? Moved, string? Absent) RuntimeOver(bool serverRead)
    {
        if (!serverRead)
        {
            return (null, null);
        }

        if (_runtimeBefore is not { } before || _runtime is null)
        {
            return (null, _runtimeAbsent);
        }

        var afterRead = _runtime.Read(out string? absent);
        _runtime.Dispose();
        if (afterRead is not { } after)
        {
            return (null, absent);
        }

        ObserveRuntime(after);
        return (new RuntimeMoved
        {
            PoolThreadsAtEnd = after.PoolThreads,
            PoolThreadsPeak = _poolThreadsPeak,
            QueueLengthPeak = _queuePeak,
            WorkItemsCompleted = after.WorkItemsCompleted - before.WorkItemsCompleted,
            LockContentions = after.LockContentions - before.LockContentions,
            GcCollections = after.GcCollections - before.GcCollections,
            GcPauseMs = (after.GcPauseSeconds - before.GcPauseSeconds) * 1000,
            Samples = _runtimeSamples,
        }, null);
    }

    private void ObserveRuntime(RuntimeCounters? counters)
    {
        if (counters is not null)
        {
            _poolThreadsPeak = Math.Max(_poolThreadsPeak, counters.PoolThreads);
            _queuePeak = Math.Max(_queuePeak, counters.QueueLength);
            _runtimeSamples++;
        }
    }

    private static TcpCountersMoved Moved(TcpCounters delta) => new()
    {
        ListenOverflows = delta.ListenOverflows,
        ListenDrops = delta.ListenDrops,
        SynRetransmits = delta.SynRetransmits,
        RetransmittedSegments = delta.RetransmittedSegments,
    };

    private void Poll()
    {
        ProcessSnapshot? previous;
        lock (_gate)
        {
            previous = _serverLast;
        }

        // Read outside the lock (it takes a while with a thousand threads), add under it.
        var server = previous is not null && _serverPid is int pid ? _proc.Poll(pid, previous) : null;
        var runtime = _runtimeBefore is not null && ++_ticks % RuntimeEveryPolls == 0 ? _runtime?.Read(out _) : null;
        lock (_gate)
        {
            if (_finished || server is null)
            {
                return;
            }

            ObserveRuntime(runtime);

            _server!.Observe(server);
            _observed++;
            if (server.TakenAtNs >= _serverLast!.TakenAtNs)
            {
                _serverLast = server;
            }
        }
    }
}
