using System.Net.Sockets;
using KEchoBench.Servers.Sessions;
using KEchoBench.Servers.Statistics;
using Xunit;

namespace KEchoBench.Tests.Engines;

/// <summary>
/// The connection cap is checked and taken in one step. Before, the count was read and the slot
/// taken separately, and two event loops admitted one too many (6 with --max-connections 5).
/// </summary>
public sealed class ConnectionCapTests
{
    [Fact]
    public void ConcurrentAdmissionsNeverExceedTheCapAndReleasedSlotsAreTakenAgain()
    {
        const int cap = 37;
        const int threads = 8;
        const int attemptsPerThread = 40;
        var statistics = new EngineStatistics();
        var tracker = new ConnectionTracker(statistics);
        var sockets = new List<Socket>();

        List<Connection> Race()
        {
            var admitted = new List<Connection>();
            using var start = new Barrier(threads);
            var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
            {
                var mine = new List<Socket>();
                for (int i = 0; i < attemptsPerThread; i++)
                {
                    mine.Add(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
                }

                start.SignalAndWait();
                foreach (var socket in mine)
                {
                    if (tracker.TryAdd(socket, cap) is { } connection)
                    {
                        lock (admitted)
                        {
                            admitted.Add(connection);
                        }
                    }
                }

                lock (sockets)
                {
                    sockets.AddRange(mine);
                }
            })).ToList();
            workers.ForEach(t => t.Start());
            workers.ForEach(t => t.Join());
            return admitted;
        }

        var first = Race();
        Assert.Equal(cap, first.Count);
        Assert.Equal(cap, tracker.Count);

        foreach (var connection in first.Take(10))
        {
            connection.Release();
        }

        var second = Race();
        Assert.Equal(10, second.Count);
        Assert.Equal(cap, tracker.Count);
        Assert.Equal(cap + 10, statistics.Accepted);
        Assert.Equal(10, statistics.Closed);

        sockets.ForEach(s => s.Dispose());
    }
}
