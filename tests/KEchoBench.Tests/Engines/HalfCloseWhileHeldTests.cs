using System.Net;
using System.Net.Sockets;
using KEchoBench.Servers;
using KEchoBench.Servers.Sessions;
using KEchoBench.Servers.Statistics;
using Xunit;

namespace KEchoBench.Tests.Engines;

/// <summary>
/// The race behind cmwq's half-close: the session ends (and closes its socket) on one executor
/// while the executor that armed the connection still holds a reference on the socket's handle.
/// Answered through <see cref="SocketConnection.FinishSending"/>, the peer still gets every byte of
/// the echo and then a FIN; answered with a raw shutdown on the descriptor, .NET's close of a held
/// socket disconnects it abortively and the peer gets a reset instead. Should the second case ever
/// stop failing (a runtime that closes held sockets gracefully), the workaround is no longer needed.
/// </summary>
public sealed class HalfCloseWhileHeldTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_half_closed_socket_released_while_another_thread_holds_it_delivers_everything_only_if_shut_down_through_the_socket(bool throughTheSocket)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000 };
        client.Connect(listener.LocalEndPoint!);
        var server = listener.Accept();
        var connection = new ConnectionTracker(new EngineStatistics()).TryAdd(server, max: 1)!;

        // The client half-closes; the server's echo is still queued: more than both buffers hold.
        client.Shutdown(SocketShutdown.Send);
        server.Blocking = false;
        byte[] chunk = new byte[64 * 1024];
        long queued = 0;
        while (server.Send(chunk, 0, chunk.Length, SocketFlags.None, out SocketError error) is int sent && error == SocketError.Success)
        {
            queued += sent;
        }

        // Another thread's reference, as the arming executor holds it until epoll_ctl returns.
        bool held = false;
        server.SafeHandle.DangerousAddRef(ref held);
        Assert.True(held);
        if (throughTheSocket)
        {
            connection.FinishSending();
        }
        else
        {
            Assert.Equal(0, Interop.Sockets.shutdown((int)server.Handle, Interop.Sockets.SHUT_WR));
        }

        var released = Task.Run(connection.Release);
        await Task.Delay(100);
        server.SafeHandle.DangerousRelease();
        Assert.True(await released);

        long received = 0;
        bool reset = false;
        try
        {
            int n;
            while ((n = client.Receive(chunk)) > 0)
            {
                received += n;
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            reset = true;
        }

        if (throughTheSocket)
        {
            Assert.False(reset);
            Assert.Equal(queued, received);
        }
        else
        {
            Assert.True(reset && received < queued, $"received {received} of {queued} bytes, reset: {reset}");
        }
    }
}
