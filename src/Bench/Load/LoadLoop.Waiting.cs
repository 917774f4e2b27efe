using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HdrHistogram;
using KEchoBench.Servers;
using KEchoBench.Bench.Timing;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Load;

// LoadLoop, continued: waiting in epoll_wait (or epoll_pwait2 for the open-loop schedule) and failing what has timed out.
internal sealed unsafe partial class LoadLoop
{
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
                    else
                    {
                        _connecting--; // a round that connects its clients counts them apart
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

    private uint EventFlags(int index) => Interop.Epoll.EventsAt(_events, index);

    private int EventData(int index) => Interop.Epoll.DataAt(_events, index);

    private int Wait(int timeoutMs)
    {
        int n = Interop.Epoll.epoll_wait(_epfd, _events, MaxEvents, timeoutMs);
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
            var timeout = Interop.Time.Timespec.FromNanoseconds(wait);
            int n = Interop.Epoll.epoll_pwait2(_epfd, _events, MaxEvents, &timeout, null);
            if (n >= 0)
            {
                return n;
            }

            if (Marshal.GetLastPInvokeError() != Interop.Errno.ENOSYS)
            {
                return 0;
            }

            _noPwait2 = true;
        }

        return Wait((int)((wait + 999_999) / 1_000_000));
    }
}
