using System.Net;
using System.Net.Sockets;

namespace KEchoBench.Bench.Load;

/// <summary>
/// Connections opened and then left silent, like telnet users who walked away. On a server that
/// gives each session a worker for its lifetime (the fixed workqueue) they hold every worker;
/// on one with asynchronous I/O they cost a socket and a little memory.
/// </summary>
internal sealed class IdleSessions : IAsyncDisposable
{
    private readonly List<Socket> _sockets;

    private IdleSessions(List<Socket> sockets) => _sockets = sockets;

    public int Count => _sockets.Count;

    /// <summary>Opens <paramref name="count"/> connections one after another (so they reach the server before any active client).</summary>
    public static async Task<IdleSessions> OpenAsync(IPEndPoint target, int count, TimeSpan timeout, CancellationToken cancellation)
    {
        var sockets = new List<Socket>(count);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(timeout);
            for (int i = 0; i < count; i++)
            {
                var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                sockets.Add(socket);
                await socket.ConnectAsync(target, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }

            throw new InvalidOperationException($"could not open {count} idle sessions to {target} within {timeout.TotalSeconds:0.#} s: {e.Message}", e);
        }

        return new IdleSessions(sockets);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        _sockets.Clear();
        return ValueTask.CompletedTask;
    }
}
