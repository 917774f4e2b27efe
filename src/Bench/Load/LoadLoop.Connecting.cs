using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HdrHistogram;
using KEchoBench.Servers;
using KEchoBench.Bench.Timing;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Load;

// LoadLoop, continued: opening connections: non-blocking connects, completed (or failed) through epoll.
internal sealed unsafe partial class LoadLoop
{
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

    /// <summary>Creates a non-blocking socket and starts connecting. False when it failed at once (counted).</summary>
    private bool StartConnect(LoadConnection c)
    {
        c.ConnectStarted = MonotonicClock.NowNs();
        int fd = Interop.Sockets.socket(_address.Family, Interop.Sockets.SOCK_STREAM | Interop.Sockets.SOCK_NONBLOCK | Interop.Sockets.SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            Fail(c, LoadErrorKind.Refused);
            return false;
        }

        c.Fd = fd;
        c.WantOut = false;
        int rc;
        fixed (byte* address = _address.Bytes)
        {
            rc = Interop.Sockets.connect(fd, address, _address.Bytes.Length);
        }

        int errno = rc == 0 ? 0 : Marshal.GetLastPInvokeError();
        if (rc == 0 || errno == Interop.Errno.EINPROGRESS)
        {
            c.State = ConnectionState.Connecting;
            Interop.Epoll.Control(_epfd, Interop.Epoll.EPOLL_CTL_ADD, fd, Interop.Epoll.EPOLLOUT, c.Slot);
            return true;
        }

        Fail(c, errno == Interop.Errno.ETIMEDOUT ? LoadErrorKind.Timeout : LoadErrorKind.Refused);
        return false;
    }

    /// <summary>The connect finished (writable or error): opened, or failed and counted.</summary>
    private bool FinishConnect(LoadConnection c, uint events, bool record)
    {
        int error = Interop.Sockets.SocketError(c.Fd);
        if (error == 0 && (events & (Interop.Epoll.EPOLLERR | Interop.Epoll.EPOLLHUP)) == 0)
        {
            long now = MonotonicClock.NowNs();
            c.State = ConnectionState.Open;
            _ = Interop.Sockets.SetNoDelay(c.Fd);
            Interop.Epoll.Control(_epfd, Interop.Epoll.EPOLL_CTL_MOD, c.Fd, Interop.Epoll.EPOLLIN, c.Slot);
            if (record)
            {
                long ns = now - c.ConnectStarted;
                Connect.RecordValue(Math.Min(ns, HistogramFigures.HighestTrackableNs));
                BurstConnectSumNs[c.Slot] += ns;
            }

            return true;
        }

        Fail(c, error switch
        {
            Interop.Errno.ETIMEDOUT => LoadErrorKind.Timeout,
            Interop.Errno.ECONNRESET => LoadErrorKind.Reset,
            _ => LoadErrorKind.Refused,
        });
        return false;
    }
}
