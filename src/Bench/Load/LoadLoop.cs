using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HdrHistogram;
using KEchoBench.Servers;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Load;

/// <summary>
/// One event loop of the generator: a thread that owns a share of the connections and drives them
/// through a level-triggered epoll with non-blocking sockets, one system call per send and per
/// receive, nothing allocated per request. Every received byte is compared with the byte that was
/// sent; every round trip goes into this loop's own histograms (merged by the session afterwards,
/// so recording needs no synchronisation).
/// </summary>
/// <remarks>
/// The hot methods are compiled fully optimised from the first call
/// (<see cref="MethodImplOptions.AggressiveOptimization"/>): a measurement must not start on
/// unoptimised code and change speed half-way when tiered compilation catches up.
/// </remarks>
internal sealed unsafe partial class LoadLoop : IDisposable
{
    private const int ReadChunk = 64 * 1024;
    private const int MaxEvents = 512;

    private readonly LoadSettings _settings;
    private readonly NativeAddress _address;
    private readonly LoadConnection[] _connections;
    private readonly int _pipeline;
    private readonly long _timeoutNs;
    private readonly long _scanIntervalNs;
    private readonly byte* _readBuffer;
    private readonly byte* _events;
    private readonly byte* _telnetSlots;
    private readonly int _epfd;
    private long _completed;
    private volatile bool _stop;
    private int _active;
    private bool _disposed;

    // Open-loop schedule of the current round: local request k is due at _startNs + k * _nsPerRequest.
    private long _startNs;
    private double _nsPerRequest;
    private long _nextDue;
    private long _dueTotal;
    private long _deadlineNs;
    private LoadMode _mode;
    private int _burstRound;

    // The round's tail: nothing new is started, connections end as their last echo arrives.
    private bool _tailing;

    // Clients that hang up: each round connects them anew, at most _connectWindow connects in
    // progress at once (a burst: all at once); _nextConnect is the next one not yet started.
    private readonly bool _hangUp;
    private int _connectWindow;
    private int _nextConnect;
    private int _connecting;

    // Kernels before 5.11 have no epoll_pwait2: the open loop then waits in whole milliseconds.
    private bool _noPwait2;

    public LoadLoop(LoadSettings settings, NativeAddress address, IReadOnlyList<int> connectionIds)
    {
        _settings = settings;
        _address = address;
        _pipeline = settings.Mode == LoadMode.Burst ? 1 : settings.Pipeline;
        _hangUp = settings.HangsUp;
        _timeoutNs = settings.Timeout.Ticks * 100;
        _scanIntervalNs = Math.Clamp(_timeoutNs / 20, 1_000_000, 100_000_000);
        _connections = new LoadConnection[connectionIds.Count];
        for (int i = 0; i < _connections.Length; i++)
        {
            _connections[i] = new LoadConnection(connectionIds[i], i, _pipeline);
        }

        _epfd = Interop.Epoll.epoll_create1(Interop.Epoll.EPOLL_CLOEXEC);
        if (_epfd < 0)
        {
            throw new IOException($"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}");
        }

        _readBuffer = (byte*)NativeMemory.Alloc(ReadChunk);
        _events = (byte*)NativeMemory.AllocZeroed((nuint)(MaxEvents * Interop.Epoll.EventSize));
        if (settings.Payload == PayloadKind.Telnet)
        {
            _telnetSlots = (byte*)NativeMemory.Alloc((nuint)(_connections.Length * _pipeline * TelnetLine.MaxLength));
        }

        // The hot methods are compiled fully optimised on first call: have the payload's statics ready by then.
        RuntimeHelpers.RunClassConstructor(typeof(PayloadStream).TypeHandle);
        Latency = HistogramFigures.NewHistogram();
        Uncorrected = HistogramFigures.NewHistogram();
        Connect = HistogramFigures.NewHistogram();
        BurstEchoSumNs = new long[_connections.Length];
        BurstConnectSumNs = new long[_connections.Length];
        BurstCount = new int[_connections.Length];
    }

    /// <summary>Round trips: from the scheduled time in the open loop, from the send otherwise (ns).</summary>
    public LongHistogram Latency { get; }

    /// <summary>Open loop: the same round trips measured from the actual send (ns).</summary>
    public LongHistogram Uncorrected { get; }

    /// <summary>Connect times of the connections opened in a round (burst, clients that hang up), ns.</summary>
    public LongHistogram Connect { get; }

    /// <summary>Last round: clients that got every request answered (or, timed, ended it without an error).</summary>
    public int ClientsServed { get; private set; }

    /// <summary>Last round: clients whose connection ended on an error, or was already gone when it began.</summary>
    public int ClientsFailed { get; private set; }

    /// <summary>Last round, clients that hang up: how many times the whole test ran (1 unless the round has a minimum duration).</summary>
    public int Repeats { get; private set; }

    /// <summary>Clients that hang up: the most connections established in one run of the test.</summary>
    public int MostConnected { get; private set; }

    public long[] Errors { get; } = new long[LoadErrorNames.All.Count];

    /// <summary>Burst: per connection slot, sums over rounds (for kecho's per-slot averages).</summary>
    public long[] BurstEchoSumNs { get; }

    public long[] BurstConnectSumNs { get; }

    public int[] BurstCount { get; }

    /// <summary>Round trips verified since the loop was made (read by the progress display).</summary>
    public long Completed => Volatile.Read(ref _completed);

    public int Count => _connections.Length;

    /// <summary>Managed bytes this loop's thread allocated during its last round (the hot path should allocate none).</summary>
    public long LastRoundAllocatedBytes { get; private set; }

    public int OpenConnections => _connections.Count(c => c.State == ConnectionState.Open);

    /// <summary>Forget what earlier rounds recorded (warm-up, or the previous iteration).</summary>
    public void ResetMeasurements()
    {
        Latency.Reset();
        Uncorrected.Reset();
        Connect.Reset();
        Array.Clear(Errors);
        Array.Clear(BurstEchoSumNs);
        Array.Clear(BurstConnectSumNs);
        Array.Clear(BurstCount);
        ClientsServed = 0;
        ClientsFailed = 0;
        Repeats = 0;
    }

    /// <summary>Asks a running round to end early (cancellation); what is outstanding is abandoned, not counted.</summary>
    public void RequestStop() => _stop = true;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var c in _connections)
        {
            CloseSocket(c);
        }

        Interop.Io.close(_epfd);
        NativeMemory.Free(_readBuffer);
        NativeMemory.Free(_events);
        if (_telnetSlots != null)
        {
            NativeMemory.Free(_telnetSlots);
        }
    }
}
