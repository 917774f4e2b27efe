using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HdrHistogram;
using KEchoBench.Bench.Load.Native;

namespace KEchoBench.Bench.Load;

// LoadLoop, continued: running a round: closed and open loops over the open connections, bursts that open their own.
internal sealed unsafe partial class LoadLoop
{
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
}
