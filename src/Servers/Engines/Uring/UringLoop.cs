using System.Net.Sockets;
using System.Runtime.InteropServices;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Limits;
using KEchoBench.Servers.Sessions;
using KEchoBench.Servers.Statistics;
using Microsoft.Extensions.Logging;

namespace KEchoBench.Servers.Engines;

/// <summary>
/// One io_uring loop on its own thread, with a ring of its own. Every loop keeps a multishot accept
/// on the one listening socket; each connection keeps a multishot receive into its own one-entry
/// provided buffer ring (<see cref="RingSlot"/>); every received chunk is echoed by one send
/// submitted through the ring, the work model run first, inline on the loop. The loop's only
/// system call per batch is io_uring_enter, which submits what the last batch queued and waits for
/// the next completions.
/// </summary>
internal sealed unsafe class UringLoop
{
    // Enough submission entries for a batch of a few hundred echoes before one extra submit; the
    // completion queue is larger, and the kernel keeps any overflow (IORING_FEAT_NODROP).
    private const uint SubmissionEntries = 512;
    private const uint CompletionEntries = 8192;

    // Buffer groups are 16-bit: a loop serves at most this many connections at once.
    private const int MaxSlots = 65536;

    private const uint Pollin = 0x001;

    private static readonly long StopDrainNs = 2_000_000_000;

    private readonly int _index;
    private readonly int _listenerFd;
    private readonly EngineOptions _options;
    private readonly EngineStatistics _statistics;
    private readonly Func<DescriptorHandle, DescriptorConnection?> _admit;
    private readonly Action<Connection> _end;
    private readonly Action<Connection, int> _refuse;
    private readonly Func<int, AcceptBackoff, TimeSpan?> _acceptFailed;
    private readonly AcceptBackoff _acceptBackoff = new();
    private readonly ILogger _logger;
    private readonly List<RingSlot> _slots = [];
    private readonly Stack<RingSlot> _freeSlots = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopRequested;
    private volatile int _connectionCount;
    private volatile int _sendsInFlight;
    private int _wakeFd = -1;
    private IoRing? _ring;
    private bool _acceptArmed;
    private bool _acceptMultishot;
    private bool _acceptCancelling;

    // Near the open-file limit the loop accepts one client per submission: a multishot accept
    // takes every client waiting in the backlog in one go, before the loop has checked the first,
    // so a burst larger than the room left runs the process into the descriptors kept for the
    // runtime and then to EMFILE, each time it is armed. One at a time, each client is checked
    // (and, in the reserve, closed) before the next descriptor is taken, as in the other engines.
    private bool _oneAtATime;
    private long _acceptResumesAt = -1;
    private bool _stopping;
    private long _stopDeadline;

    /// <param name="refuse">Turns away an admitted connection that cannot get a slot (errno of the refusal).</param>
    /// <param name="acceptFailed">Counts a failed accept (by errno) and returns how long to pause accepting; null when stopping.</param>
    public UringLoop(int index, int listenerFd, EngineOptions options, EngineStatistics statistics, Func<DescriptorHandle, DescriptorConnection?> admit, Action<Connection> end, Action<Connection, int> refuse, Func<int, AcceptBackoff, TimeSpan?> acceptFailed, ILogger logger)
    {
        _index = index;
        _listenerFd = listenerFd;
        _options = options;
        _statistics = statistics;
        _admit = admit;
        _end = end;
        _refuse = refuse;
        _acceptFailed = acceptFailed;
        _logger = logger;
    }

    public Task Completion => _completion.Task;

    /// <summary>Completes once the loop's ring is set up (or faults with why it could not be).</summary>
    public Task Started => _started.Task;

    /// <summary>Connections this loop serves now.</summary>
    public int ConnectionCount => _connectionCount;

    /// <summary>Echoes submitted and not yet completed: a send waits in the kernel only while its peer reads slower than it writes.</summary>
    public int SendsInFlight => _sendsInFlight;

    /// <summary>
    /// Starts the thread. The ring is created on it: a ring set up for a single issuer belongs to
    /// the thread that created it, and only that thread may submit.
    /// </summary>
    public void Start() => new Thread(Run) { IsBackground = true, Name = $"uring-{_index}" }.Start();

    /// <summary>Wakes the loop; it stops accepting, ends its sessions and ends.</summary>
    public void RequestStop()
    {
        _stopRequested = true;
        if (_wakeFd >= 0)
        {
            long one = 1;
            Interop.Io.write(_wakeFd, (byte*)&one, sizeof(long));
        }
    }

    private void Run()
    {
        try
        {
            _ring = IoRing.Create(SubmissionEntries, CompletionEntries, _options.SqPoll);
            _wakeFd = Interop.Epoll.eventfd(0, Interop.Epoll.EFD_CLOEXEC | Interop.Epoll.EFD_NONBLOCK);
            if (_wakeFd < 0)
            {
                throw new SocketException(Marshal.GetLastPInvokeError());
            }
        }
        catch (Exception e)
        {
            _ring?.Dispose();
            _started.TrySetException(e);
            _completion.TrySetResult();
            return;
        }

        bool drained = false;
        try
        {
            ArmWake();
            ArmAccept();
            _started.TrySetResult();
            drained = Serve();
        }
        catch (Exception e)
        {
            _statistics.OnError(ErrorKind.Internal);
            _logger.LogError(e, "uring-{Index}: the loop failed", _index);
        }
        finally
        {
            foreach (var slot in _slots)
            {
                if (slot.Connection is not null)
                {
                    Release(slot);
                }
            }

            // Closing the ring cancels what is still in flight, but the kernel finishes that after
            // close returns: the buffers are freed only when nothing was in flight any more.
            if (drained)
            {
                foreach (var slot in _slots)
                {
                    slot.Free(_ring);
                }
            }

            _ring.Dispose();
            Interop.Io.CloseOnce(ref _wakeFd);
            _completion.TrySetResult();
        }
    }

    /// <summary>The loop: submit and wait, handle every completion, until stopped. Returns whether everything in flight ended.</summary>
    private bool Serve()
    {
        while (true)
        {
            if (_stopRequested && !_stopping)
            {
                BeginStop();
            }

            if (_stopping)
            {
                if (!_acceptArmed && _slots.All(s => !s.InFlight))
                {
                    return true;
                }

                if (Environment.TickCount64 * 1_000_000 >= _stopDeadline)
                {
                    _logger.LogWarning("uring-{Index}: operations still in flight {Seconds} s after the stop; the ring is closed on them", _index, StopDrainNs / 1e9);
                    return false;
                }
            }

            int error = _ring!.SubmitAndWait(WaitTimeoutNs());
            if (error is not (0 or Interop.Errno.EINTR or Interop.Errno.ETIME or Interop.Errno.EBUSY))
            {
                _statistics.OnError(ErrorKind.Internal);
                _logger.LogError("uring-{Index}: io_uring_enter failed, errno {Errno}", _index, error);
                return false;
            }

            ResumeAcceptingWhenDue();
            uint handled = 0;
            Interop.IoUring.Cqe* cqe;
            while ((cqe = _ring.PeekCompletion(handled)) is not null)
            {
                var completion = *cqe;
                handled++;
                Handle(completion);
            }

            _ring.AdvanceCompletions(handled);
        }
    }

    private long WaitTimeoutNs()
    {
        long now = Environment.TickCount64;
        long timeoutNs = -1;
        if (_acceptResumesAt >= 0)
        {
            timeoutNs = Math.Max(0, _acceptResumesAt - now) * 1_000_000;
        }

        if (_stopping)
        {
            long left = Math.Max(0, _stopDeadline - (now * 1_000_000));
            timeoutNs = timeoutNs < 0 ? left : Math.Min(timeoutNs, left);
        }

        return timeoutNs;
    }

    private void Handle(Interop.IoUring.Cqe completion)
    {
        var kind = UringTag.KindOf(completion.UserData);
        switch (kind)
        {
            case UringTag.Kind.Accept:
                OnAccepted(completion.Res, completion.Flags);
                break;
            case UringTag.Kind.Receive:
            case UringTag.Kind.Send:
                var slot = _slots[UringTag.SlotOf(completion.UserData)];
                if (slot.Connection is null)
                {
                    return;
                }

                try
                {
                    if (kind == UringTag.Kind.Receive)
                    {
                        OnReceived(slot, completion.Res, completion.Flags);
                    }
                    else
                    {
                        OnSent(slot, completion.Res);
                    }

                    Settle(slot);
                }
                catch (Exception e)
                {
                    _statistics.OnError(ErrorKind.Internal);
                    _logger.LogError(e, "uring-{Index}: connection {Id} failed", _index, slot.Connection.Id);
                    End(slot);
                    Settle(slot);
                }

                break;
            case UringTag.Kind.Wake:
                // _stopRequested is set before the wake; the loop sees it at the top.
                break;
        }
    }

    private void ArmWake()
    {
        var sqe = _ring!.NextSqe();
        sqe->Opcode = Interop.IoUring.IORING_OP_POLL_ADD;
        sqe->Fd = _wakeFd;
        sqe->OpFlags = Pollin;
        sqe->UserData = UringTag.Of(UringTag.Kind.Wake);
    }

    private void ArmAccept()
    {
        // The accepted socket stays blocking: io_uring then waits for readiness itself (a
        // non-blocking one would complete with EAGAIN instead). CLOEXEC as accept4 gives it.
        var sqe = _ring!.NextSqe();
        sqe->Opcode = Interop.IoUring.IORING_OP_ACCEPT;
        sqe->Fd = _listenerFd;
        sqe->IoPrio = _oneAtATime ? (ushort)0 : Interop.IoUring.IORING_ACCEPT_MULTISHOT;
        sqe->OpFlags = Interop.Sockets.SOCK_CLOEXEC;
        sqe->UserData = UringTag.Of(UringTag.Kind.Accept);
        _acceptArmed = true;
        _acceptMultishot = !_oneAtATime;
        _acceptCancelling = false;
    }

    private void CancelAccept()
    {
        if (_acceptCancelling)
        {
            return;
        }

        _acceptCancelling = true;
        var sqe = _ring!.NextSqe();
        sqe->Opcode = Interop.IoUring.IORING_OP_ASYNC_CANCEL;
        sqe->Fd = -1;
        sqe->Addr = UringTag.Of(UringTag.Kind.Accept);
        sqe->UserData = UringTag.Of(UringTag.Kind.Cancel);
    }

    private void OnAccepted(int result, uint flags)
    {
        if ((flags & Interop.IoUring.IORING_CQE_F_MORE) == 0)
        {
            _acceptArmed = false;
        }

        if (result >= 0)
        {
            _acceptBackoff.Succeeded();

            // The descriptor just taken is the highest the process holds (bar the other loops'):
            // a multishot burst of up to a backlog's clients from here must still leave the
            // reserve free, otherwise accept one at a time until there is room again.
            _oneAtATime = !DescriptorReserve.LeavesRoomFor(result, _options.Backlog);
            if (_oneAtATime && _acceptArmed && _acceptMultishot)
            {
                CancelAccept();
            }

            Take(result);
        }
        else if (!_stopping && -result is not (Interop.Errno.EAGAIN or Interop.Errno.EINTR or Interop.Errno.ECONNABORTED or Interop.Errno.ECANCELED)
            && _acceptFailed(-result, _acceptBackoff) is { } pause)
        {
            // EMFILE and friends: the client stays in the backlog and the listener stays ready, so
            // an armed accept would fail again at once. Stop accepting for a while, then take
            // clients one at a time (the failure may have ended a multishot burst at the limit).
            _oneAtATime = true;
            _acceptResumesAt = Environment.TickCount64 + Math.Max(1, (long)pause.TotalMilliseconds);
            if (_acceptArmed)
            {
                CancelAccept();
            }
        }

        if (!_acceptArmed && !_stopping && _acceptResumesAt < 0)
        {
            ArmAccept();
        }
    }

    private void ResumeAcceptingWhenDue()
    {
        if (_acceptResumesAt >= 0 && Environment.TickCount64 >= _acceptResumesAt)
        {
            _acceptResumesAt = -1;
            if (!_acceptArmed && !_stopping)
            {
                ArmAccept();
            }
        }
    }

    /// <summary>Admits an accepted descriptor and starts receiving on it.</summary>
    private void Take(int fd)
    {
        if (_admit(new DescriptorHandle(fd)) is not { } connection)
        {
            return;
        }

        if (!TryTakeSlot(out var slot, out int errno))
        {
            _refuse(connection, errno);
            return;
        }

        slot.Connection = connection;
        slot.Fd = connection.Fd;
        _connectionCount++;
        ArmReceive(slot);
    }

    private bool TryTakeSlot(out RingSlot slot, out int errno)
    {
        errno = 0;
        if (_freeSlots.TryPop(out slot!))
        {
            return true;
        }

        if (_slots.Count >= MaxSlots)
        {
            errno = Interop.Errno.EMFILE;
            return false;
        }

        if (RingSlot.Create(_ring!, (ushort)_slots.Count, _options.BufferSize, out errno) is not { } created)
        {
            return false;
        }

        _slots.Add(created);
        slot = created;
        return true;
    }

    private void ArmReceive(RingSlot slot)
    {
        var sqe = _ring!.NextSqe();
        sqe->Opcode = Interop.IoUring.IORING_OP_RECV;
        sqe->Fd = slot.Fd;
        sqe->IoPrio = Interop.IoUring.IORING_RECV_MULTISHOT;
        sqe->Flags = Interop.IoUring.IOSQE_BUFFER_SELECT;
        sqe->BufGroup = slot.Index;
        sqe->UserData = UringTag.Of(UringTag.Kind.Receive, slot.Index);
        slot.Receiving = true;
    }

    private void SubmitSend(RingSlot slot)
    {
        // MSG_WAITALL: the kernel sends the rest of a short send itself, once there is room.
        var sqe = _ring!.NextSqe();
        sqe->Opcode = Interop.IoUring.IORING_OP_SEND;
        sqe->Fd = slot.Fd;
        sqe->Addr = (ulong)(slot.Buffer + slot.SendOffset);
        sqe->Len = (uint)(slot.SendCount - slot.SendOffset);
        sqe->OpFlags = Interop.Sockets.MSG_NOSIGNAL | Interop.Sockets.MSG_WAITALL;
        sqe->UserData = UringTag.Of(UringTag.Kind.Send, slot.Index);
        slot.Sending = true;
        _sendsInFlight++;
    }

    private void OnReceived(RingSlot slot, int result, uint flags)
    {
        if ((flags & Interop.IoUring.IORING_CQE_F_MORE) == 0)
        {
            slot.Receiving = false;
        }

        if ((flags & Interop.IoUring.IORING_CQE_F_BUFFER) != 0)
        {
            slot.BufferTaken = true;
        }

        if (result > 0)
        {
            if (slot.Ending)
            {
                return;
            }

            _statistics.OnReceived(result);
            _options.Work.Apply();
            slot.SendOffset = 0;
            slot.SendCount = result;
            SubmitSend(slot);
        }
        else if (result == 0)
        {
            slot.PeerFinished = true;
        }
        else if (-result is not (Interop.Errno.ENOBUFS or Interop.Errno.ECANCELED))
        {
            // ENOBUFS: the buffer is still being echoed; the receive is armed again once it is back.
            Fail(slot, -result, receiving: true);
        }
    }

    private void OnSent(RingSlot slot, int result)
    {
        slot.Sending = false;
        _sendsInFlight--;
        if (result < 0)
        {
            Fail(slot, -result, receiving: false);
            return;
        }

        _statistics.OnSent(result);
        slot.SendOffset += result;
        if (slot.SendOffset < slot.SendCount && !slot.Ending)
        {
            if (result == 0)
            {
                Fail(slot, Interop.Errno.EPIPE, receiving: false);
                return;
            }

            SubmitSend(slot);
        }
    }

    /// <summary>What a connection does next once a completion has been handled.</summary>
    private void Settle(RingSlot slot)
    {
        if (slot.Sending)
        {
            return;
        }

        if (slot.BufferTaken)
        {
            slot.ProvideBuffer();
        }

        if (!slot.Ending && slot.PeerFinished)
        {
            // Half-close: every chunk received has been echoed (nothing is being sent), so finish
            // the echo stream too and end.
            Interop.Sockets.shutdown(slot.Fd, Interop.Sockets.SHUT_WR);
            slot.Ending = true;
        }

        if (slot.Ending)
        {
            if (!slot.InFlight)
            {
                Release(slot);
            }
            else if (!slot.ShutDown)
            {
                // A receive is still armed: a shutdown completes it (end-of-stream).
                Interop.Sockets.shutdown(slot.Fd, Interop.Sockets.SHUT_RDWR);
                slot.ShutDown = true;
            }

            return;
        }

        if (!slot.Receiving)
        {
            ArmReceive(slot);
        }
    }

    private void Fail(RingSlot slot, int errno, bool receiving)
    {
        if (SocketErrors.Classify(SocketErrors.FromErrno(errno), receiving, _stopping) is { } kind)
        {
            _statistics.OnError(kind);
        }

        End(slot);
    }

    private static void End(RingSlot slot) => slot.Ending = true;

    private void BeginStop()
    {
        _stopping = true;
        _stopDeadline = (Environment.TickCount64 * 1_000_000) + StopDrainNs;
        _acceptResumesAt = -1;
        if (_acceptArmed)
        {
            // The listener is closed by now, but an accept in flight holds its file open (and the
            // port bound) until it is cancelled.
            CancelAccept();
        }

        foreach (var slot in _slots)
        {
            if (slot.Connection is not null && !slot.Ending)
            {
                End(slot);
                Settle(slot);
            }
        }
    }

    private void Release(RingSlot slot)
    {
        if (slot.BufferTaken)
        {
            slot.ProvideBuffer();
        }

        var connection = slot.Connection!;
        slot.Connection = null;
        slot.Fd = -1;
        slot.Receiving = false;
        slot.Sending = false;
        slot.PeerFinished = false;
        slot.Ending = false;
        slot.ShutDown = false;
        slot.SendOffset = 0;
        slot.SendCount = 0;
        _freeSlots.Push(slot);
        _connectionCount--;
        _end(connection);
    }
}
