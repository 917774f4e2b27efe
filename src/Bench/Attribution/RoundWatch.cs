using KEchoBench.Bench.Processes;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Attribution;

/// <summary>
/// Watches where a round's time goes: the server's threads (when its process is known) and the
/// load generator's own, read at the round's start, every <see cref="Period"/> while it runs (so
/// that threads which start and end within the round are seen), and at its end; and the kernel's
/// TCP counters at the two edges.
/// </summary>
internal sealed class RoundWatch : IDisposable
{
    /// <summary>
    /// How often the threads are read between the edges. A thread that lives less than this may be
    /// missed (<see cref="ProcessTimes.SeenCpuShare"/> says how much was); reading more often costs
    /// the load generator more CPU (docs/methodology.md has the cost).
    /// </summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(20);

    private readonly ProcReader _proc;
    private readonly int? _serverPid;
    private readonly int _clientPid;
    private readonly ThreadTimeLedger? _server;
    private readonly ThreadTimeLedger? _client;
    private readonly TcpCounters? _tcpBefore;
    private readonly Lock _gate = new();
    private readonly Timer? _timer;
    private bool _finished;

    private RoundWatch(ProcReader proc, int? serverPid, int clientPid, TimeSpan? period)
    {
        _proc = proc;
        _serverPid = serverPid;
        _clientPid = clientPid;
        _tcpBefore = proc.Tcp();
        _server = serverPid is int pid && proc.Snapshot(pid) is { } s ? new ThreadTimeLedger(s) : null;
        _client = proc.Snapshot(clientPid) is { } c ? new ThreadTimeLedger(c) : null;
        if (period is { } p && p > TimeSpan.Zero)
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
        // Read outside the lock (it takes a while with a thousand threads), add under it.
        var server = _server is not null && _serverPid is int pid ? _proc.Snapshot(pid) : null;
        var client = _client is not null ? _proc.Snapshot(_clientPid) : null;
        lock (_gate)
        {
            if (_finished)
            {
                return;
            }

            if (server is not null)
            {
                _server!.Observe(server);
            }

            if (client is not null)
            {
                _client!.Observe(client);
            }
        }
    }
}
