using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HdrHistogram;
using KEchoBench.Bench.Timing;

namespace KEchoBench.Bench.Load;

// LoadLoop, continued: running a round: open loops and kept-open closed loops over the open connections, clients that connect and hang up in the round (the closed loop's default, and bursts).
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
        long requests = BeginRound(plan);
        if (_hangUp)
        {
            RunHangingUp(plan, requests);
            return;
        }

        StartKeptOpen(requests);

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

        LeaveRound();
    }

    /// <summary>Takes the round's plan; returns the requests per connection (unbounded: a timed round).</summary>
    private long BeginRound(RoundPlan plan)
    {
        _mode = plan.Mode;
        _startNs = plan.StartNs;
        _deadlineNs = plan.DeadlineNs;
        _nsPerRequest = plan.NsPerRequest;
        _burstRound = plan.BurstRound;
        _nextDue = 0;
        _active = 0;
        _tailing = false;
        return plan.RequestsPerConnection > 0 ? plan.RequestsPerConnection : long.MaxValue / 4;
    }

    /// <summary>Clients that hang up: the whole test, as often as the round's minimum asks.</summary>
    private void RunHangingUp(RoundPlan plan, long requests)
    {
        // The test is repeated, every client connecting anew each time, until the round has
        // lasted its minimum (if it has one): never cut short, always whole tests.
        do
        {
            Repeats++;
            RunConnecting(requests);
        }
        while (!_stop && plan.MinimumEndNs > 0 && MonotonicClock.NowNs() < plan.MinimumEndNs);
    }

    /// <summary>
    /// Kept-open connections: sets each open one its round's target, then, in the closed loop,
    /// sends each its first window (the open loop waits for the schedule instead).
    /// </summary>
    private void StartKeptOpen(long requests)
    {
        _dueTotal = requests == long.MaxValue / 4 ? long.MaxValue : requests * _connections.Length;
        foreach (var c in _connections)
        {
            if (c.State != ConnectionState.Open)
            {
                // A kept-open client whose connection died in an earlier round gets nothing in this one.
                ClientsFailed++;
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
    }

    /// <summary>The round is over (or stopped): what is still in it is abandoned, not counted.</summary>
    private void LeaveRound()
    {
        foreach (var c in _connections)
        {
            c.InRound = false;
        }
    }

    /// <summary>
    /// A round of clients that connect, send their requests and hang up (the closed loop by
    /// default; a burst is one request each with every connect started at once). Connect time is
    /// recorded apart from the round trips; a client is closed as soon as its last echo is
    /// verified, so that a server serving one session per worker can take the next client.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunConnecting(long requests)
    {
        long connectsBefore = Connect.TotalCount;
        PrepareConnecting(requests);
        StartConnects();
        long now = MonotonicClock.NowNs();
        long lastScan = now;
        while (_active > 0 && !_stop)
        {
            int n = Wait(WaitMs(lastScan, now));
            for (int i = 0; i < n; i++)
            {
                var c = _connections[EventData(i)];
                uint events = EventFlags(i);
                if (c.State == ConnectionState.Connecting)
                {
                    Connected(c, events);
                }
                else
                {
                    Dispatch(c, events);
                }
            }

            now = MonotonicClock.NowNs();
            if (!_tailing && _deadlineNs > 0 && now >= _deadlineNs)
            {
                BeginTail();
            }

            StartConnects();
            lastScan = ScanTimeouts(lastScan, now);
        }

        HangUpAll(connectsBefore);
    }

    /// <summary>Every client of a round that connects its clients: a new connection, nothing sent yet, in the round.</summary>
    private void PrepareConnecting(long requests)
    {
        _connectWindow = _mode == LoadMode.Burst ? int.MaxValue : Math.Max(1, _settings.ConnectWindow);
        _nextConnect = 0;
        _connecting = 0;
        foreach (var c in _connections)
        {
            // A new connection is a new byte stream.
            c.Started = c.Sending = c.Done = 0;
            c.SendOffset = c.RecvOffset = 0;
            c.RoundFirst = 0;
            c.Target = _mode == LoadMode.Burst ? 1 : requests;
            c.State = ConnectionState.Closed;
            c.InRound = true;
            _active++;
        }
    }

    /// <summary>A client's connect finished (once per client and test): it sends its first window, or, opened too late, is done.</summary>
    private void Connected(LoadConnection c, uint events)
    {
        _connecting--;
        if (FinishConnect(c, events, record: true))
        {
            if (_tailing)
            {
                Finish(c); // connected after the deadline: nothing left to send
            }
            else
            {
                Pump(c, MonotonicClock.NowNs());
            }
        }
    }

    /// <summary>End of one test of clients that hang up: whatever is still connected (or connecting) is closed.</summary>
    private void HangUpAll(long connectsBefore)
    {
        foreach (var c in _connections)
        {
            c.InRound = false;
            if (c.State is ConnectionState.Open or ConnectionState.Connecting)
            {
                CloseSocket(c);
            }
        }

        MostConnected = Math.Max(MostConnected, (int)(Connect.TotalCount - connectsBefore));
    }

    /// <summary>Starts the next clients' connects while the window has room (none once the round's tail began).</summary>
    private void StartConnects()
    {
        while (_nextConnect < _connections.Length && _connecting < _connectWindow && !_tailing)
        {
            var c = _connections[_nextConnect++];
            if (StartConnect(c))
            {
                _connecting++;
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
            if (!c.InRound)
            {
                continue;
            }

            if (c.State == ConnectionState.Open && c.Done == c.Started && !HasDue(c))
            {
                Finish(c);
            }
            else if (c.State == ConnectionState.Closed)
            {
                EndRound(c); // a client that hangs up and had not begun to connect: it is not started now
            }
        }
    }

    private bool HasDue(LoadConnection c) =>
        _mode == LoadMode.Rate && ((c.Started - c.RoundFirst) * _connections.Length) + c.Slot < _nextDue && c.Started < c.Target;

    /// <summary>The client is done with the round without an error: counted as served; a client that hangs up closes now.</summary>
    private void Finish(LoadConnection c)
    {
        if (!c.InRound)
        {
            return;
        }

        ClientsServed++;
        EndRound(c);
        if (_hangUp)
        {
            CloseSocket(c);
        }
    }

    private void EndRound(LoadConnection c)
    {
        if (c.InRound)
        {
            c.InRound = false;
            _active--;
        }
    }
}
