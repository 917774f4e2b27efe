using KEchoBench.Bench.Processes;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Attribution;

/// <summary>
/// Watches where a round's time goes: the server's threads (when its process is known), read in
/// full at the round's start and end and their <c>schedstat</c> every <see cref="Period"/> while it
/// runs (so that threads which start and end within the round are seen); the load generator's
/// own threads at the two edges only (they are made before the round and live through it); and
/// the kernel's TCP counters at the two edges. The watch runs on the same CPUs as the server and
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
    private readonly Timer? _timer;
    private bool _finished;

    private RoundWatch(ProcReader proc, int? serverPid, int clientPid, TimeSpan? period)
    {
        _proc = proc;
        _serverPid = serverPid;
        _clientPid = clientPid;
        _tcpBefore = proc.Tcp();
        _serverLast = serverPid is int pid ? proc.Snapshot(pid) : null;
        _server = _serverLast is { } s ? new ThreadTimeLedger(s) : null;
        _client = proc.Snapshot(clientPid) is { } c ? new ThreadTimeLedger(c) : null;
        if (_server is not null && period is { } p && p > TimeSpan.Zero)
        {
            _timer = new Timer(_ => Poll(), null, p, p);
        }
    }

    /// <summary>Starts watching the server <paramref name="serverPid"/> (null: unknown) and this process.</summary>
    public static RoundWatch Start(int? serverPid, TimeSpan? period = null, ProcReader? proc = null) =>
        new(proc ?? ProcReader.System, serverPid, Environment.ProcessId, period ?? Period);

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
            return new RoundAttribution
            {
                Server = server,
                Client = client,
                Tcp = _tcpBefore is { } b && tcpAfter is { } a ? Moved(a.Since(b)) : null,
            };
        }
    }

    public void Dispose() => _timer?.Dispose();

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
        lock (_gate)
        {
            if (_finished || server is null)
            {
                return;
            }

            _server!.Observe(server);
            if (server.TakenAtNs >= _serverLast!.TakenAtNs)
            {
                _serverLast = server;
            }
        }
    }
}
