using System.Net;
using System.Net.Sockets;

namespace KEchoBench.Tests.Load;

/// <summary>
/// A small TCP server for the load generator's tests: accepts on an ephemeral loopback port and
/// runs <c>session(index, socket, stopping)</c> for every connection. Faulty echo servers are
/// written as such sessions.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _sessions = [];
    private readonly List<Socket> _sockets = [];
    private readonly Task _accepting;

    public TestServer(Func<int, Socket, CancellationToken, Task> session)
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(512);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _accepting = AcceptAsync(session);
    }

    public IPEndPoint EndPoint { get; }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Dispose();
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }
        }

        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }

        Task[] sessions;
        lock (_sessions)
        {
            sessions = [.. _sessions];
        }

        await Task.WhenAll(sessions.Select(async s =>
        {
            try
            {
                await s;
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
            }
        }));
        _stopping.Dispose();
    }

    /// <summary>Echoes exactly what it receives until the peer closes.</summary>
    public static async Task Echo(Socket socket, CancellationToken stopping)
    {
        var buffer = new byte[4096];
        while (true)
        {
            int n = await socket.ReceiveAsync(buffer, stopping);
            if (n == 0)
            {
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, n), stopping);
        }
    }

    private async Task AcceptAsync(Func<int, Socket, CancellationToken, Task> session)
    {
        int index = 0;
        while (!_stopping.IsCancellationRequested)
        {
            var socket = await _listener.AcceptAsync(_stopping.Token);
            socket.NoDelay = true;
            lock (_sockets)
            {
                _sockets.Add(socket);
            }

            int id = index++;
            lock (_sessions)
            {
                _sessions.Add(Task.Run(() => session(id, socket, _stopping.Token)));
            }
        }
    }
}
