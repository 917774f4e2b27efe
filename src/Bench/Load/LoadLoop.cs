using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HdrHistogram;
using KEchoBench.Bench.Load.Native;

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
internal sealed unsafe class LoadLoop : IDisposable
{
    /// <summary>Histograms track up to an hour in nanoseconds; anything longer is recorded as an hour.</summary>
    public const long HighestTrackableNs = 3_600_000_000_000;

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
    private readonly int _eventSize = LinuxNet.EventSize;
    private readonly int _dataOffset = LinuxNet.DataOffset;
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

    public LoadLoop(LoadSettings settings, NativeAddress address, IReadOnlyList<int> connectionIds)
    {
        _settings = settings;
        _address = address;
        _pipeline = settings.Mode == LoadMode.Burst ? 1 : settings.Pipeline;
        _timeoutNs = settings.Timeout.Ticks * 100;
        _scanIntervalNs = Math.Clamp(_timeoutNs / 20, 1_000_000, 100_000_000);
        _connections = new LoadConnection[connectionIds.Count];
        for (int i = 0; i < _connections.Length; i++)
        {
            _connections[i] = new LoadConnection(connectionIds[i], i, _pipeline);
        }

        _epfd = LinuxNet.epoll_create1(LinuxNet.EPOLL_CLOEXEC);
        if (_epfd < 0)
        {
            throw new IOException($"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}");
        }

        _readBuffer = (byte*)NativeMemory.Alloc(ReadChunk);
        _events = (byte*)NativeMemory.AllocZeroed((nuint)(MaxEvents * LinuxNet.EventSize));
        if (settings.Payload == PayloadKind.Telnet)
        {
            _telnetSlots = (byte*)NativeMemory.Alloc((nuint)(_connections.Length * _pipeline * TelnetLine.MaxLength));
        }

        // The hot methods are compiled fully optimised on first call: have the payload's statics ready by then.
        RuntimeHelpers.RunClassConstructor(typeof(PayloadStream).TypeHandle);
        Latency = NewHistogram();
        Uncorrected = NewHistogram();
        Connect = NewHistogram();
        BurstEchoSumNs = new long[_connections.Length];
        BurstConnectSumNs = new long[_connections.Length];
        BurstCount = new int[_connections.Length];
    }

    /// <summary>Round trips: from the scheduled time in the open loop, from the send otherwise (ns).</summary>
    public LongHistogram Latency { get; }

    /// <summary>Open loop: the same round trips measured from the actual send (ns).</summary>
    public LongHistogram Uncorrected { get; }

    /// <summary>Burst: connect times (ns).</summary>
    public LongHistogram Connect { get; }

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

    public static LongHistogram NewHistogram() => new(HighestTrackableNs, 3);

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
    }

    /// <summary>Asks a running round to end early (cancellation); what is outstanding is abandoned, not counted.</summary>
    public void RequestStop() => _stop = true;

    /// <summary>Opens every connection, at most <see cref="LoadSettings.ConnectWindow"/> in progress at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OpenAll()
    {
        int next = 0;
        int window = Math.Max(1, _settings.ConnectWindow);
        _active = 0;
        long lastScan = MonotonicClock.NowNs();
        while ((next < _connections.Length || _active > 0) && !_stop)
        {
            while (next < _connections.Length && _active < window)
            {
                var c = _connections[next++];
                if (StartConnect(c))
                {
                    _active++;
                }
            }

            int n = Wait(WaitMs(lastScan, MonotonicClock.NowNs()));
            for (int i = 0; i < n; i++)
            {
                var c = _connections[EventData(i)];
                if (c.State == ConnectionState.Connecting)
                {
                    _active--;
                    FinishConnect(c, EventFlags(i), record: false);
                }
            }

            lastScan = ScanTimeouts(lastScan, MonotonicClock.NowNs());
        }
    }

    /// <summary>Runs one round on this thread; returns when every connection has finished it (or failed).</summary>
    public void RunRound(RoundPlan plan)
    {
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            RunRoundCore(plan);
        }
        finally
        {
            LastRoundAllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunRoundCore(RoundPlan plan)
    {
        _mode = plan.Mode;
        _startNs = plan.StartNs;
        _deadlineNs = plan.DeadlineNs;
        _nsPerRequest = plan.NsPerRequest;
        _burstRound = plan.BurstRound;
        _nextDue = 0;
        _active = 0;
        _tailing = false;
        if (_mode == LoadMode.Burst)
        {
            RunBurst();
            return;
        }

        long requests = plan.RequestsPerConnection > 0 ? plan.RequestsPerConnection : long.MaxValue / 4;
        _dueTotal = requests == long.MaxValue / 4 ? long.MaxValue : requests * _connections.Length;
        foreach (var c in _connections)
        {
            if (c.State != ConnectionState.Open)
            {
                continue;
            }

            c.RoundFirst = c.Done;
            c.Target = c.Done + requests;
            c.InRound = true;
            _active++;
        }

        foreach (var c in _connections)
        {
            if (c.InRound && _mode == LoadMode.Closed)
            {
                Pump(c, MonotonicClock.NowNs());
            }
        }

        // One clock read per wake-up serves the deadline, the timeout scan and the next wait.
        long now = MonotonicClock.NowNs();
        long lastScan = now;
        while (_active > 0 && !_stop)
        {
            int n = _mode == LoadMode.Rate ? WaitForSchedule(lastScan) : Wait(WaitMs(lastScan, now));
            for (int i = 0; i < n; i++)
            {
                Dispatch(_connections[EventData(i)], EventFlags(i));
            }

            now = MonotonicClock.NowNs();
            if (_mode == LoadMode.Rate)
            {
                ReleaseDue(now);
            }
            else if (!_tailing && _deadlineNs > 0 && now >= _deadlineNs)
            {
                BeginTail();
            }

            lastScan = ScanTimeouts(lastScan, now);
        }

        foreach (var c in _connections)
        {
            c.InRound = false;
        }
    }

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

        LinuxNet.close(_epfd);
        NativeMemory.Free(_readBuffer);
        NativeMemory.Free(_events);
        if (_telnetSlots != null)
        {
            NativeMemory.Free(_telnetSlots);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunBurst()
    {
        foreach (var c in _connections)
        {
            // Every burst connection carries one message: its stream starts afresh each round.
            c.Started = c.Sending = c.Done = 0;
            c.SendOffset = c.RecvOffset = 0;
            c.RoundFirst = 0;
            c.Target = 1;
            if (StartConnect(c))
            {
                c.InRound = true;
                _active++;
            }
        }

        long lastScan = MonotonicClock.NowNs();
        while (_active > 0 && !_stop)
        {
            int n = Wait(WaitMs(lastScan, MonotonicClock.NowNs()));
            for (int i = 0; i < n; i++)
            {
                var c = _connections[EventData(i)];
                uint events = EventFlags(i);
                if (c.State == ConnectionState.Connecting)
                {
                    if (FinishConnect(c, events, record: true))
                    {
                        Pump(c, MonotonicClock.NowNs());
                    }
                }
                else
                {
                    Dispatch(c, events);
                }
            }

            lastScan = ScanTimeouts(lastScan, MonotonicClock.NowNs());
        }

        foreach (var c in _connections)
        {
            c.InRound = false;
            if (c.State == ConnectionState.Open)
            {
                CloseSocket(c);
            }
        }
    }

    /// <summary>Creates a non-blocking socket and starts connecting. False when it failed at once (counted).</summary>
    private bool StartConnect(LoadConnection c)
    {
        c.ConnectStarted = MonotonicClock.NowNs();
        int fd = LinuxNet.socket(_address.Family, LinuxNet.SOCK_STREAM | LinuxNet.SOCK_NONBLOCK | LinuxNet.SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            CountError(LoadErrorKind.Refused);
            c.State = ConnectionState.Failed;
            return false;
        }

        c.Fd = fd;
        c.WantOut = false;
        int rc;
        fixed (byte* address = _address.Bytes)
        {
            rc = LinuxNet.connect(fd, address, _address.Bytes.Length);
        }

        int errno = rc == 0 ? 0 : Marshal.GetLastPInvokeError();
        if (rc == 0 || errno == LinuxNet.EINPROGRESS)
        {
            c.State = ConnectionState.Connecting;
            LinuxNet.Control(_epfd, LinuxNet.EPOLL_CTL_ADD, fd, LinuxNet.EPOLLOUT, c.Slot);
            return true;
        }

        Fail(c, errno == LinuxNet.ETIMEDOUT ? LoadErrorKind.Timeout : LoadErrorKind.Refused);
        return false;
    }

    /// <summary>The connect finished (writable or error): opened, or failed and counted.</summary>
    private bool FinishConnect(LoadConnection c, uint events, bool record)
    {
        int error = LinuxNet.SocketError(c.Fd);
        if (error == 0 && (events & (LinuxNet.EPOLLERR | LinuxNet.EPOLLHUP)) == 0)
        {
            long now = MonotonicClock.NowNs();
            c.State = ConnectionState.Open;
            LinuxNet.SetNoDelay(c.Fd);
            LinuxNet.Control(_epfd, LinuxNet.EPOLL_CTL_MOD, c.Fd, LinuxNet.EPOLLIN, c.Slot);
            if (record)
            {
                long ns = now - c.ConnectStarted;
                Connect.RecordValue(Math.Min(ns, HighestTrackableNs));
                BurstConnectSumNs[c.Slot] += ns;
            }

            return true;
        }

        Fail(c, error switch
        {
            LinuxNet.ETIMEDOUT => LoadErrorKind.Timeout,
            LinuxNet.ECONNRESET => LoadErrorKind.Reset,
            _ => LoadErrorKind.Refused,
        });
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Dispatch(LoadConnection c, uint events)
    {
        if (c.State != ConnectionState.Open)
        {
            return;
        }

        if ((events & (LinuxNet.EPOLLIN | LinuxNet.EPOLLERR | LinuxNet.EPOLLHUP)) != 0 && !Readable(c))
        {
            return;
        }

        if ((events & LinuxNet.EPOLLOUT) != 0 && c.State == ConnectionState.Open)
        {
            Pump(c, MonotonicClock.NowNs());
        }
    }

    /// <summary>Starts the messages the window (and in the open loop, the schedule) allows, and writes what is unwritten.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Pump(LoadConnection c, long now)
    {
        if (!c.InRound)
        {
            return;
        }

        long limit = Math.Min(c.Done + _pipeline, c.Target);
        while (c.Started < limit)
        {
            long scheduled;
            if (_mode == LoadMode.Rate)
            {
                long index = c.Started - c.RoundFirst;
                long local = (index * _connections.Length) + c.Slot;
                if (local >= _nextDue)
                {
                    break;
                }

                scheduled = _startNs + (long)(local * _nsPerRequest);
            }
            else
            {
                if (_deadlineNs > 0 && now >= _deadlineNs)
                {
                    break;
                }

                scheduled = now;
            }

            int slot = (int)(c.Started % _pipeline);
            ref var message = ref c.Slots[slot];
            message.Data = (nint)MessageAt(c, c.Started, slot, out message.Length);
            message.Scheduled = scheduled;
            message.SentAt = now;
            c.Started++;
        }

        while (c.Sending < c.Started)
        {
            int slot = (int)(c.Sending % _pipeline);
            ref var message = ref c.Slots[slot];
            int left = message.Length - c.SendOffset;
            nint sent = LinuxNet.write(c.Fd, (byte*)message.Data + c.SendOffset, left);
            if (sent < 0)
            {
                int errno = Marshal.GetLastSystemError();
                if (errno == LinuxNet.EINTR)
                {
                    continue;
                }

                if (errno == LinuxNet.EAGAIN)
                {
                    SetWantOut(c, true);
                    return;
                }

                Fail(c, LoadErrorKind.Reset);
                return;
            }

            if (sent < left)
            {
                c.SendOffset += (int)sent;
                SetWantOut(c, true);
                return;
            }

            c.Sending++;
            c.SendOffset = 0;
        }

        SetWantOut(c, false);
    }

    private byte* MessageAt(LoadConnection c, long index, int slot, out int length)
    {
        // A burst connection sends one message per round: number it by the round so that rounds differ too.
        long number = _mode == LoadMode.Burst ? _burstRound : index;
        if (_telnetSlots == null)
        {
            length = _settings.Size;
            return PayloadStream.At(c.Id, number * _settings.Size);
        }

        byte* buffer = _telnetSlots + ((((long)c.Slot * _pipeline) + slot) * TelnetLine.MaxLength);
        length = TelnetLine.Write(new Span<byte>(buffer, TelnetLine.MaxLength), c.Id, number);
        return buffer;
    }

    /// <summary>Reads once and checks every byte; records each completed echo. False when the connection failed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Readable(LoadConnection c)
    {
        nint n = LinuxNet.read(c.Fd, _readBuffer, ReadChunk);
        if (n <= 0)
        {
            int errno = Marshal.GetLastSystemError();
            if (n == 0)
            {
                Fail(c, LoadErrorKind.ShortEcho);
                return false;
            }

            if (errno is LinuxNet.EAGAIN or LinuxNet.EINTR)
            {
                return true;
            }

            Fail(c, LoadErrorKind.Reset);
            return false;
        }

        int p = 0;
        long now = 0;
        bool completed = false;
        while (p < n)
        {
            if (c.Done >= c.Started)
            {
                // Bytes that were never sent (duplicated, or from elsewhere).
                Fail(c, LoadErrorKind.Mismatch);
                return false;
            }

            int slot = (int)(c.Done % _pipeline);
            ref var message = ref c.Slots[slot];
            int length = message.Length;
            int sentOfThis = c.Done < c.Sending ? length : c.SendOffset;
            int m = Math.Min((int)n - p, sentOfThis - c.RecvOffset);
            if (m <= 0 || !new ReadOnlySpan<byte>(_readBuffer + p, m).SequenceEqual(new ReadOnlySpan<byte>((byte*)message.Data + c.RecvOffset, m)))
            {
                Fail(c, LoadErrorKind.Mismatch);
                return false;
            }

            p += m;
            c.RecvOffset += m;
            if (c.RecvOffset == length)
            {
                if (!completed)
                {
                    now = MonotonicClock.NowNs();
                    completed = true;
                }

                Complete(c, slot, now);
            }
        }

        if (completed && c.State == ConnectionState.Open)
        {
            if (c.Done >= c.Target)
            {
                EndRound(c);
                if (_mode == LoadMode.Burst)
                {
                    CloseSocket(c);
                }
            }
            else
            {
                Pump(c, now);
                if (_tailing && c.InRound && c.State == ConnectionState.Open && c.Done == c.Started)
                {
                    EndRound(c);
                }
            }
        }

        return c.State == ConnectionState.Open || c.State == ConnectionState.Closed;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Complete(LoadConnection c, int slot, long now)
    {
        ref var message = ref c.Slots[slot];
        long latency = now - message.Scheduled;
        Latency.RecordValue(Math.Clamp(latency, 0, HighestTrackableNs));
        if (_mode == LoadMode.Rate)
        {
            Uncorrected.RecordValue(Math.Clamp(now - message.SentAt, 0, HighestTrackableNs));
        }
        else if (_mode == LoadMode.Burst)
        {
            BurstEchoSumNs[c.Slot] += latency;
            BurstCount[c.Slot]++;
        }

        c.Done++;
        c.RecvOffset = 0;
        _completed++;
    }

    /// <summary>Open loop: hands every request now due to its connection.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReleaseDue(long now)
    {
        int count = _connections.Length;
        while (_nextDue < _dueTotal)
        {
            long due = _startNs + (long)(_nextDue * _nsPerRequest);
            if (due > now)
            {
                break;
            }

            if (_deadlineNs > 0 && due >= _deadlineNs)
            {
                _dueTotal = _nextDue;
                break;
            }

            var c = _connections[(int)(_nextDue % count)];
            _nextDue++;
            if (c.InRound && c.State == ConnectionState.Open)
            {
                Pump(c, now);
            }
        }

        if (!_tailing && _nextDue >= _dueTotal)
        {
            BeginTail();
        }
    }

    /// <summary>
    /// No more requests will be started this round (deadline passed, schedule ended). One pass ends
    /// the connections with nothing in flight; the others end as their last echo comes in (see
    /// <see cref="Readable"/>), so the tail costs no scan per wake-up.
    /// </summary>
    private void BeginTail()
    {
        _tailing = true;
        foreach (var c in _connections)
        {
            if (c.InRound && c.Done == c.Started && !HasDue(c))
            {
                EndRound(c);
            }
        }
    }

    private bool HasDue(LoadConnection c) =>
        _mode == LoadMode.Rate && ((c.Started - c.RoundFirst) * _connections.Length) + c.Slot < _nextDue && c.Started < c.Target;

    private void EndRound(LoadConnection c)
    {
        if (c.InRound)
        {
            c.InRound = false;
            _active--;
        }
    }

    private void Fail(LoadConnection c, LoadErrorKind kind)
    {
        CountError(kind);
        EndRound(c);
        CloseSocket(c);
        c.State = ConnectionState.Failed;
    }

    private void CountError(LoadErrorKind kind) => Errors[(int)kind]++;

    private static void CloseSocket(LoadConnection c)
    {
        if (c.Fd >= 0)
        {
            // close() also removes the descriptor from the epoll set.
            LinuxNet.close(c.Fd);
            c.Fd = -1;
        }

        if (c.State is ConnectionState.Open or ConnectionState.Connecting)
        {
            c.State = ConnectionState.Closed;
        }
    }

    private void SetWantOut(LoadConnection c, bool want)
    {
        if (c.WantOut != want)
        {
            c.WantOut = want;
            LinuxNet.Control(_epfd, LinuxNet.EPOLL_CTL_MOD, c.Fd, LinuxNet.EPOLLIN | (want ? LinuxNet.EPOLLOUT : 0), c.Slot);
        }
    }

    /// <summary>Fails every connection whose oldest outstanding echo (or connect) is older than the timeout.</summary>
    private long ScanTimeouts(long lastScan, long now)
    {
        if (now - lastScan < _scanIntervalNs)
        {
            return lastScan;
        }

        foreach (var c in _connections)
        {
            if (c.State == ConnectionState.Connecting)
            {
                if (now - c.ConnectStarted > _timeoutNs)
                {
                    if (!c.InRound)
                    {
                        _active--; // OpenAll counts connects in progress in _active
                    }

                    Fail(c, LoadErrorKind.Timeout);
                }
            }
            else if (c.State == ConnectionState.Open && c.Done < c.Started && now - c.Slots[(int)(c.Done % _pipeline)].SentAt > _timeoutNs)
            {
                Fail(c, LoadErrorKind.Timeout);
            }
        }

        return now;
    }

    private int WaitMs(long lastScan, long now)
    {
        long untilScan = Math.Max(0, lastScan + _scanIntervalNs - now);
        if (_deadlineNs > 0 && now < _deadlineNs)
        {
            untilScan = Math.Min(untilScan, _deadlineNs - now);
        }

        return (int)Math.Min(100, (untilScan + 999_999) / 1_000_000);
    }

    // struct epoll_event layout, read through instance fields so that the hot loops inline these.
    private uint EventFlags(int index) => *(uint*)(_events + (index * _eventSize));

    private int EventData(int index) => (int)*(long*)(_events + (index * _eventSize) + _dataOffset);

    private int Wait(int timeoutMs)
    {
        int n = LinuxNet.epoll_wait(_epfd, _events, MaxEvents, timeoutMs);
        return n < 0 ? 0 : n;
    }

    /// <summary>Open loop: sleeps until the next request is due, with nanosecond precision where the kernel allows.</summary>
    private int WaitForSchedule(long lastScan)
    {
        long now = MonotonicClock.NowNs();
        long wait = Math.Min(100_000_000, Math.Max(0, lastScan + _scanIntervalNs - now));
        if (_nextDue < _dueTotal)
        {
            long due = _startNs + (long)(_nextDue * _nsPerRequest);
            wait = Math.Min(wait, Math.Max(0, due - now));
        }

        if (!_noPwait2)
        {
            var timeout = new LinuxNet.Timespec { Seconds = wait / 1_000_000_000, Nanoseconds = wait % 1_000_000_000 };
            int n = LinuxNet.epoll_pwait2(_epfd, _events, MaxEvents, &timeout, null);
            if (n >= 0)
            {
                return n;
            }

            if (Marshal.GetLastPInvokeError() != LinuxNet.ENOSYS)
            {
                return 0;
            }

            _noPwait2 = true;
        }

        return Wait((int)((wait + 999_999) / 1_000_000));
    }

    private bool _noPwait2;

    // The round's tail: nothing new is started, connections end as their last echo arrives.
    private bool _tailing;
}
