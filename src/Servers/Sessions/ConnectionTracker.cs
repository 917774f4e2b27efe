using System.Collections.Concurrent;
using System.Net.Sockets;
using KEchoBench.Servers.Statistics;

namespace KEchoBench.Servers.Sessions;

/// <summary>
/// Every connection an engine has accepted and not yet released, so that a stop can reach all of
/// them and wait until the last one is gone.
/// </summary>
internal sealed class ConnectionTracker
{
    private readonly ConcurrentDictionary<long, Connection> _live = new();
    private readonly EngineStatistics _statistics;
    private readonly object _gate = new();
    private TaskCompletionSource? _drained;
    private long _nextId;

    // Admitted and not yet released. Kept apart from the dictionary so that the connection cap is
    // checked and taken in one compare-and-swap: two event loops admitting at once must not both
    // see room for the last slot.
    private int _count;

    internal ConnectionTracker(EngineStatistics statistics) => _statistics = statistics;

    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Takes a slot and puts the socket under management, or returns null when <paramref name="max"/>
    /// connections are live already (0 = no cap). The check and the take are one atomic step.
    /// </summary>
    internal SocketConnection? TryAdd(Socket socket, int max) =>
        TakeSlot(max) ? Track(new SocketConnection(NextId(), socket, this)) : null;

    /// <summary>The same for a raw accepted descriptor (the event loop's).</summary>
    internal DescriptorConnection? TryAdd(DescriptorHandle descriptor, int max) =>
        TakeSlot(max) ? Track(new DescriptorConnection(NextId(), descriptor, this)) : null;

    internal void OnReleased(Connection connection, bool withdrawn)
    {
        _live.TryRemove(connection.Id, out _);
        Interlocked.Decrement(ref _count);
        if (withdrawn)
        {
            // Admitted, but the engine could not give it a session: it counts as rejected, not as
            // a connection that was served and closed.
            _statistics.OnWithdrawn();
        }
        else
        {
            _statistics.OnClosed();
        }

        if (_live.IsEmpty)
        {
            lock (_gate)
            {
                if (_live.IsEmpty)
                {
                    _drained?.TrySetResult();
                }
            }
        }
    }

    private bool TakeSlot(int max)
    {
        while (true)
        {
            int count = Volatile.Read(ref _count);
            if (max > 0 && count >= max)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _count, count + 1, count) == count)
            {
                return true;
            }
        }
    }

    private long NextId() => Interlocked.Increment(ref _nextId);

    private T Track<T>(T connection)
        where T : Connection
    {
        _live[connection.Id] = connection;
        _statistics.OnAccepted();
        return connection;
    }

    /// <summary>Shuts every live connection down so that its session ends (see <see cref="Connection.Interrupt"/>).</summary>
    internal void InterruptAll()
    {
        foreach (var connection in _live.Values)
        {
            connection.Interrupt();
        }
    }

    /// <summary>Completes when no connection is live.</summary>
    internal Task WhenDrained()
    {
        lock (_gate)
        {
            if (_live.IsEmpty)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task;
        }
    }

    /// <summary>Resets and releases what is still live. Returns how many had to be forced.</summary>
    internal int AbortAll()
    {
        int forced = 0;
        foreach (var connection in _live.Values)
        {
            if (!connection.IsReleased)
            {
                connection.Abort(_statistics);
                forced++;
            }
        }

        return forced;
    }
}
