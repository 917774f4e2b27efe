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

    /// <summary>
    /// Answers the peer's FIN with ours: shutdown(SHUT_WR) through <see cref="Socket.Shutdown"/>,
    /// never the raw call on the descriptor, because the socket must know. .NET closes a socket
    /// whose handle another thread still holds (a reference taken for a call on the descriptor) by
    /// disconnecting it abortively, connect(AF_UNSPEC) and then a linger-0 close, unless sending
    /// was shut down through the socket; an abortive disconnect throws away whatever of the echo
    /// is still in the send queue, and the peer's next segment meets a reset. Whatever has failed
    /// meanwhile (a peer that reset, a forced stop that released the socket) leaves nothing to do.
    /// </summary>
    internal void FinishSending()
    {
        try
        {
            Socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The peer reset the connection meanwhile: there is nothing left to deliver.
        }
        catch (ObjectDisposedException)
        {
            // Released by a forced stop, which resets the connection anyway.
        }
    }

    private protected override void Shutdown() => Socket.Shutdown(SocketShutdown.Both);

    private protected override void ResetOnClose() => Socket.LingerState = new LingerOption(true, 0);

    private protected override void Close() => Socket.Dispose();
}
