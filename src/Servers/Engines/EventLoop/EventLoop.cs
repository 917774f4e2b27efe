using System.Buffers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Limits;
using KEchoBench.Servers.Readiness;
using KEchoBench.Servers.Sessions;
using KEchoBench.Servers.Statistics;
using Microsoft.Extensions.Logging;

namespace KEchoBench.Servers.Engines;

/// <summary>
/// One epoll loop on its own thread. Level-triggered: a readable connection gets one receive per
/// wake-up, so a busy connection cannot starve the others on the same loop. The loop owns one
/// receive buffer shared by all its connections; a connection gets a buffer of its own only while
/// a partial send is pending.
/// </summary>
internal sealed unsafe class EventLoop
{
    private const int MaxEvents = 256;

    private readonly int _index;
    private readonly int _listenerFd;
    private readonly EngineOptions _options;
    private readonly EngineStatistics _statistics;
    private readonly Func<DescriptorHandle, DescriptorConnection?> _admit;
    private readonly Action<Connection> _end;
    private readonly Func<int, AcceptBackoff, TimeSpan?> _acceptFailed;
    private readonly AcceptBackoff _acceptBackoff = new();
    private readonly ILogger _logger;
    private readonly Dictionary<int, LoopConnection> _connections = [];
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _receiveBuffer;
    private volatile bool _stopRequested;

    // Written by the loop thread only, read by observers (the serve meter): a count, never the map.
    private volatile int _connectionCount;
    private WakeableEpoll? _epoll;

    // The epoll instance's descriptor, once started (_epoll.Fd, read on every call).
    private int _epollFd = -1;

    // While accepting is paused after a failed accept: when to watch the listener again.
    private long _acceptResumesAt = -1;

    /// <param name="acceptFailed">Counts a failed accept (by errno) and returns how long to pause accepting; null when stopping.</param>
    public EventLoop(int index, int listenerFd, EngineOptions options, EngineStatistics statistics, Func<DescriptorHandle, DescriptorConnection?> admit, Action<Connection> end, Func<int, AcceptBackoff, TimeSpan?> acceptFailed, ILogger logger)
    {
        _acceptFailed = acceptFailed;
        _index = index;
        _listenerFd = listenerFd;
        _options = options;
        _statistics = statistics;
        _admit = admit;
        _end = end;
        _logger = logger;
        _receiveBuffer = GC.AllocateUninitializedArray<byte>(options.BufferSize, pinned: true);
    }

    public Task Completion => _completion.Task;

    public void Start()
    {
        _epoll = WakeableEpoll.Create();
        _epollFd = _epoll.Fd;
        if (Interop.Epoll.Control(_epollFd, Interop.Epoll.EPOLL_CTL_ADD, _listenerFd, Interop.Epoll.EPOLLIN | Interop.Epoll.EPOLLEXCLUSIVE) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            _epoll.Dispose();
            throw new SocketException(errno);
        }

        new Thread(Run) { IsBackground = true, Name = $"eventloop-{_index}" }.Start();
    }

    /// <summary>Wakes the loop; it releases its connections and ends.</summary>
    public void RequestStop()
    {
        _stopRequested = true;
        _epoll?.Wake();
    }

    /// <summary>Connections this loop serves now.</summary>
    public int ConnectionCount => _connectionCount;

    private void Run()
    {
        byte* events = WakeableEpoll.AllocateEvents(MaxEvents);
        try
        {
            while (!_stopRequested)
            {
                int ready = Interop.Epoll.epoll_wait(_epollFd, events, MaxEvents, AcceptPauseLeft());
                // Read epoll_wait's errno before anything else calls into the kernel: resuming a
                // paused accept calls epoll_ctl, which would overwrite it, and an interrupted wait
                // (EINTR) would then end the loop as a failure.
                int errno = ready < 0 ? Marshal.GetLastPInvokeError() : 0;
                ResumeAcceptingWhenDue();
                if (ready < 0)
                {
                    if (errno == Interop.Errno.EINTR)
                    {
                        continue;
                    }

                    WaitFailed(errno);
                    break;
                }

                Dispatch(events, ready);
            }
        }
        finally
        {
            Finish(events);
        }
    }

    /// <summary>Hands each ready descriptor to the listener or its connection; a stop ends the batch early.</summary>
    private void Dispatch(byte* events, int ready)
    {
        for (int i = 0; i < ready && !_stopRequested; i++)
        {
            nint tag = Interop.Epoll.TagAt(events, i);
            if (tag == WakeableEpoll.WakeTag)
            {
                continue;
            }

            int fd = (int)tag;

            if (fd == _listenerFd)
            {
                AcceptAll();
                continue;
            }

            if (_connections.TryGetValue(fd, out var connection))
            {
                try
                {
                    Service(connection, Interop.Epoll.EventsAt(events, i));
                }
                catch (Exception e)
                {
                    ServiceFailed(connection, e);
                }
            }
        }
    }

    // Cold: epoll_wait failed for good (not EINTR); the loop ends after this. The errno logged is
    // the one Run just checked: no P/Invoke runs between that check and here.
    private void WaitFailed(int errno)
    {
        _statistics.OnError(ErrorKind.Internal);
        _logger.LogError("eventloop-{Index}: epoll_wait failed, errno {Errno}", _index, errno);
    }

    // Cold: a bug while serving one connection costs that connection, not the loop.
    private void ServiceFailed(LoopConnection connection, Exception e)
    {
        _statistics.OnError(ErrorKind.Internal);
        _logger.LogError(e, "eventloop-{Index}: connection {Id} failed", _index, connection.Connection.Id);
        Close(connection);
    }

    /// <summary>The loop has ended (stopped or failed): releases its connections, its events and its epoll, then completes.</summary>
    private void Finish(byte* events)
    {
        // A copy: Close removes from the map being walked.
        foreach (var connection in _connections.Values.ToList())
        {
            Close(connection);
        }

        NativeMemory.Free(events);
        _epoll?.Dispose();
        _completion.TrySetResult();
    }

    private void AcceptAll()
    {
        while (true)
        {
            int fd = Interop.Sockets.accept4(_listenerFd, null, null, Interop.Sockets.SOCK_NONBLOCK | Interop.Sockets.SOCK_CLOEXEC);
            if (fd < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno is not (Interop.Errno.EAGAIN or Interop.Errno.EINTR or Interop.Errno.ECONNABORTED) && _acceptFailed(errno, _acceptBackoff) is { } pause)
                {
                    // EMFILE and friends: the client stays in the backlog, so the level-triggered
                    // listener stays readable; watching it would spin. Stop watching it for a while.
                    PauseAccepting(pause);
                }

                return;
            }

            _acceptBackoff.Succeeded();
            if (_admit(new DescriptorHandle(fd)) is not { } connection)
            {
                continue;
            }

            var loopConnection = new LoopConnection(connection);
            _connections[fd] = loopConnection;
            _connectionCount = _connections.Count;
            if (Interop.Epoll.Control(_epollFd, Interop.Epoll.EPOLL_CTL_ADD, fd, Interop.Epoll.EPOLLIN) != 0)
            {
                _statistics.OnError(ErrorKind.Internal);
                Close(loopConnection);
            }
        }
    }

    private void PauseAccepting(TimeSpan pause)
    {
        // EPOLLEXCLUSIVE registrations cannot be modified, only removed and added again.
        Interop.Epoll.Control(_epollFd, Interop.Epoll.EPOLL_CTL_DEL, _listenerFd, 0);
        _acceptResumesAt = Environment.TickCount64 + Math.Max(1, (long)pause.TotalMilliseconds);
    }

    /// <summary>The epoll_wait timeout: infinite unless accepting is paused.</summary>
    private int AcceptPauseLeft() =>
        _acceptResumesAt < 0 ? -1 : (int)Math.Max(0, _acceptResumesAt - Environment.TickCount64);

    private void ResumeAcceptingWhenDue()
    {
        if (_acceptResumesAt >= 0 && Environment.TickCount64 >= _acceptResumesAt)
        {
            _acceptResumesAt = -1;
            if (Interop.Epoll.Control(_epollFd, Interop.Epoll.EPOLL_CTL_ADD, _listenerFd, Interop.Epoll.EPOLLIN | Interop.Epoll.EPOLLEXCLUSIVE) != 0)
            {
                _statistics.OnError(ErrorKind.Internal);
                _logger.LogError("eventloop-{Index}: cannot watch the listener again, errno {Errno}", _index, Marshal.GetLastPInvokeError());
            }
        }
    }

    private void Service(LoopConnection connection, uint events)
    {
        if (connection.Pending is not null)
        {
            // Waiting for the peer to read: only writability (or an error) matters now.
            if ((events & (Interop.Epoll.EPOLLOUT | Interop.Epoll.EPOLLERR | Interop.Epoll.EPOLLHUP)) != 0)
            {
                FlushPending(connection);
            }

            return;
        }

        fixed (byte* buffer = _receiveBuffer)
        {
            nint received = Interop.Sockets.recv(connection.Fd, buffer, _receiveBuffer.Length, 0);
            if (received <= 0)
            {
                ReceivedNothing(connection, received);
                return;
            }

            int count = (int)received;
            _statistics.OnReceived(count);
            _options.Work.Apply();
            Echo(connection, buffer, count);
        }
    }

    // Off the echo path: a receive that brought no data. Called straight after recv, so the
    // errno read here is still recv's.
    private void ReceivedNothing(LoopConnection connection, nint received)
    {
        if (received < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is Interop.Errno.EAGAIN or Interop.Errno.EINTR)
            {
                return;
            }

            Fail(connection, errno, receiving: true);
            return;
        }

        // Half-close: nothing is pending, so everything received has been echoed.
        Interop.Sockets.shutdown(connection.Fd, Interop.Sockets.SHUT_WR);
        Close(connection);
    }

    /// <summary>Sends the received bytes back from the loop's buffer (pinned by the caller); parks the tail if the socket is full.</summary>
    private void Echo(LoopConnection connection, byte* buffer, int count)
    {
        int sent = 0;
        while (sent < count)
        {
            nint n = Interop.Sockets.send(connection.Fd, buffer + sent, count - sent, Interop.Sockets.MSG_NOSIGNAL);
            if (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Interop.Errno.EINTR)
                {
                    continue;
                }

                if (errno == Interop.Errno.EAGAIN)
                {
                    Park(connection, sent, count);
                    return;
                }

                Fail(connection, errno, receiving: false);
                return;
            }

            sent += (int)n;
            _statistics.OnSent((int)n);
        }
    }

    /// <summary>Keeps the unsent tail and switches the connection from reading to writing.</summary>
    private void Park(LoopConnection connection, int sent, int count)
    {
        int rest = count - sent;
        byte[] pending = ArrayPool<byte>.Shared.Rent(rest);
        _receiveBuffer.AsSpan(sent, rest).CopyTo(pending);
        connection.Pending = pending;
        connection.PendingOffset = 0;
        connection.PendingCount = rest;
        Interop.Epoll.Control(_epollFd, Interop.Epoll.EPOLL_CTL_MOD, connection.Fd, Interop.Epoll.EPOLLOUT);
    }

    private void FlushPending(LoopConnection connection)
    {
        byte[] pending = connection.Pending!;
        fixed (byte* buffer = pending)
        {
            while (connection.PendingCount > 0)
            {
                nint n = Interop.Sockets.send(connection.Fd, buffer + connection.PendingOffset, connection.PendingCount, Interop.Sockets.MSG_NOSIGNAL);
                if (n < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == Interop.Errno.EINTR)
                    {
                        continue;
                    }

                    if (errno == Interop.Errno.EAGAIN)
                    {
                        return;
                    }

                    Fail(connection, errno, receiving: false);
                    return;
                }

                connection.PendingOffset += (int)n;
                connection.PendingCount -= (int)n;
                _statistics.OnSent((int)n);
            }
        }

        ArrayPool<byte>.Shared.Return(pending);
        connection.Pending = null;
        Interop.Epoll.Control(_epollFd, Interop.Epoll.EPOLL_CTL_MOD, connection.Fd, Interop.Epoll.EPOLLIN);
    }

    private void Fail(LoopConnection connection, int errno, bool receiving)
    {
        if (SocketErrors.Classify(SocketErrors.FromErrno(errno), receiving, _stopRequested) is { } kind)
        {
            _statistics.OnError(kind);
        }

        Close(connection);
    }

    private void Close(LoopConnection connection)
    {
        // Forget the descriptor before it is closed: the number may be reused at once by an accept.
        _connections.Remove(connection.Fd);
        _connectionCount = _connections.Count;
        if (connection.Pending is { } pending)
        {
            ArrayPool<byte>.Shared.Return(pending);
            connection.Pending = null;
        }

        _end(connection.Connection);
    }
}
