using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HdrHistogram;
using KEchoBench.Servers;
using KEchoBench.Bench.Timing;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Load;

// LoadLoop, continued: the hot path: sending messages, reading and checking echoes, recording round trips, failing connections.
internal sealed unsafe partial class LoadLoop
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Dispatch(LoadConnection c, uint events)
    {
        if (c.State != ConnectionState.Open)
        {
            return;
        }

        if ((events & (Interop.Epoll.EPOLLIN | Interop.Epoll.EPOLLERR | Interop.Epoll.EPOLLHUP)) != 0 && !Readable(c))
        {
            return;
        }

        if ((events & Interop.Epoll.EPOLLOUT) != 0 && c.State == ConnectionState.Open)
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

        WriteStarted(c);
    }

    /// <summary>Writes the started messages not yet written, until done or the socket is full (then waits for EPOLLOUT).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteStarted(LoadConnection c)
    {
        while (c.Sending < c.Started)
        {
            int slot = (int)(c.Sending % _pipeline);
            ref var message = ref c.Slots[slot];
            int left = message.Length - c.SendOffset;
            nint sent = Interop.Io.WriteNonBlocking(c.Fd, (byte*)message.Data + c.SendOffset, left);
            if (sent < 0)
            {
                // errno read here, at once: the first call of a method not yet compiled runs the JIT, which may change it.
                if (WriteInterrupted(c, Marshal.GetLastSystemError()))
                {
                    continue;
                }

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

    /// <summary>
    /// A write failed: true when interrupted, to be retried; a full socket waits for EPOLLOUT;
    /// anything else fails the connection.
    /// </summary>
    private bool WriteInterrupted(LoadConnection c, int errno)
    {
        if (errno == Interop.Errno.EINTR)
        {
            return true;
        }

        if (errno == Interop.Errno.EAGAIN)
        {
            SetWantOut(c, true);
            return false;
        }

        Fail(c, LoadErrorKind.Reset);
        return false;
    }

    private byte* MessageAt(LoadConnection c, long index, int slot, out int length)
    {
        // A burst connection sends one message per round: number it by the round so that rounds differ too.
        long number = _mode == LoadMode.Burst ? _burstRound : index;
        if (_settings.Payload == PayloadKind.Dummy)
        {
            length = DummyMessage.Length;
            return DummyMessage.Bytes;
        }

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
        nint n = Interop.Io.ReadNonBlocking(c.Fd, _readBuffer, ReadChunk);
        if (n <= 0)
        {
            // errno read here, at once: the first call of a method not yet compiled runs the JIT, which may change it.
            return ReadFailed(c, n, Marshal.GetLastSystemError());
        }

        int p = 0;
        long now = 0;
        bool completed = false;
        while (p < n)
        {
            int m = Matching(c, p, (int)n, out int slot);
            if (m == 0)
            {
                Fail(c, LoadErrorKind.Mismatch);
                return false;
            }

            p += m;
            c.RecvOffset += m;
            if (c.RecvOffset == c.Slots[slot].Length)
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
            Echoed(c, now);
        }

        return c.State == ConnectionState.Open || c.State == ConnectionState.Closed;
    }

    /// <summary>
    /// How many of the read's bytes from <paramref name="p"/> continue the echo of message
    /// <c>c.Done</c> (in <paramref name="slot"/>) and match what was sent of it; 0 when they are
    /// bytes that were never sent (duplicated, or from elsewhere) or differ. Per chunk: inlined.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Matching(LoadConnection c, int p, int n, out int slot)
    {
        slot = (int)(c.Done % _pipeline);
        if (c.Done >= c.Started)
        {
            return 0;
        }

        ref var message = ref c.Slots[slot];
        int sentOfThis = c.Done < c.Sending ? message.Length : c.SendOffset;
        int m = Math.Min(n - p, sentOfThis - c.RecvOffset);
        return m > 0 && new ReadOnlySpan<byte>(_readBuffer + p, m).SequenceEqual(new ReadOnlySpan<byte>((byte*)message.Data + c.RecvOffset, m)) ? m : 0;
    }

    /// <summary>
    /// Nothing read: end of stream (the server closed with echoes owed), nothing there yet
    /// (or interrupted: the level-triggered epoll reports it again), or an error.
    /// </summary>
    private bool ReadFailed(LoadConnection c, nint n, int errno)
    {
        if (n == 0)
        {
            Fail(c, LoadErrorKind.ShortEcho);
            return false;
        }

        if (errno is Interop.Errno.EAGAIN or Interop.Errno.EINTR)
        {
            return true;
        }

        Fail(c, LoadErrorKind.Reset);
        return false;
    }

    /// <summary>
    /// Echoes were completed by this read: the client that has all of its round is finished; the
    /// others refill the window, timed from this read, and in the tail finish once nothing is in flight.
    /// Per read: inlined, so that the path from receive to the next send stays one method.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Echoed(LoadConnection c, long now)
    {
        if (c.Done >= c.Target)
        {
            Finish(c);
            return;
        }

        Pump(c, now);
        if (_tailing && c.InRound && c.State == ConnectionState.Open && c.Done == c.Started)
        {
            Finish(c);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Complete(LoadConnection c, int slot, long now)
    {
        ref var message = ref c.Slots[slot];
        long latency = now - message.Scheduled;
        Latency.RecordValue(Math.Clamp(latency, 0, HistogramFigures.HighestTrackableNs));
        if (_mode == LoadMode.Rate)
        {
            Uncorrected.RecordValue(Math.Clamp(now - message.SentAt, 0, HistogramFigures.HighestTrackableNs));
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

    private void Fail(LoadConnection c, LoadErrorKind kind)
    {
        CountError(kind);
        if (c.InRound)
        {
            ClientsFailed++;
        }

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
            Interop.Io.close(c.Fd);
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
            Interop.Epoll.Control(_epfd, Interop.Epoll.EPOLL_CTL_MOD, c.Fd, Interop.Epoll.EPOLLIN | (want ? Interop.Epoll.EPOLLOUT : 0), c.Slot);
        }
    }
}
