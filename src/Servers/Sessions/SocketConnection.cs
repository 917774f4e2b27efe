using System.Net;
using System.Net.Sockets;

namespace KEchoBench.Servers.Sessions;

/// <summary>A connection whose session runs on a .NET <see cref="System.Net.Sockets.Socket"/> (thread, workqueue, cmwq).</summary>
internal sealed class SocketConnection : Connection
{
    internal SocketConnection(long id, Socket socket, ConnectionTracker owner)
        : base(id, owner)
    {
        Socket = socket;
        RemoteEndPoint = socket.RemoteEndPoint as IPEndPoint;
    }

    public Socket Socket { get; }

    public override IPEndPoint? RemoteEndPoint { get; }

    internal override void SetNoDelay() => Socket.NoDelay = true;

    private protected override void Shutdown() => Socket.Shutdown(SocketShutdown.Both);

    private protected override void ResetOnClose() => Socket.LingerState = new LingerOption(true, 0);

    private protected override void Close() => Socket.Dispose();
}
