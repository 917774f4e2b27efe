using System.Collections.Concurrent;
using System.Net.Sockets;
using KEchoBench.Servers.Statistics;

namespace KEchoBench.Servers.Sessions;

/// <summary>
/// Every connection an engine has accepted and not yet released, so that a stop can reach all of
/// them and wait until the last one is gone.
/// </summary>
public sealed class ConnectionTracker
{
    private readonly ConcurrentDictionary<long, Connection> _live = new();
    private readonly EngineStatistics _statistics;
    private readonly object _gate = new();
    private TaskCompletionSource? _drained;
    private long _nextId;

    internal ConnectionTracker(EngineStatistics statistics) => _statistics = statistics;

    public int Count => _live.Count;

    internal Connection Add(Socket socket)
    {
        var connection = new Connection(Interlocked.Increment(ref _nextId), socket, this);
        _live[connection.Id] = connection;
        _statistics.OnAccepted();
        return connection;
    }

    internal void OnReleased(Connection connection)
    {
        _live.TryRemove(connection.Id, out _);
        _statistics.OnClosed();
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
