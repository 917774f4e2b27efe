using System.Net;
using System.Net.Sockets;
using KEchoBench.Servers.Statistics;

namespace KEchoBench.Servers.Sessions;

/// <summary>
/// One accepted client socket and the guarantee that it is released exactly once, whoever gets there
/// first: its own session finishing, or the engine stopping (kecho's unload crash was a worker
/// sending on a socket that shutdown had already released).
/// </summary>
internal sealed class Connection
{
    private readonly ConnectionTracker _owner;
    private int _released;

    internal Connection(long id, Socket socket, ConnectionTracker owner)
    {
        Id = id;
        Socket = socket;
        _owner = owner;
        RemoteEndPoint = socket.RemoteEndPoint as IPEndPoint;
    }

    public long Id { get; }

    public Socket Socket { get; }

    public IPEndPoint? RemoteEndPoint { get; }

    public bool IsReleased => Volatile.Read(ref _released) != 0;

    /// <summary>
    /// Wakes whatever the session is blocked in (receive, send or a readiness wait) without
    /// releasing the socket: after a shutdown both directions report end-of-stream or an error,
    /// the session loop ends, and the session releases its own socket.
    /// </summary>
    public void Interrupt()
    {
        if (IsReleased)
        {
            return;
        }

        try
        {
            Socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Not connected any more: the session is already on its way out.
        }
        catch (ObjectDisposedException)
        {
            // Released concurrently.
        }
    }

    /// <summary>Closes the socket if nobody has yet. Returns whether this call released it.</summary>
    public bool Release() => Release(withdrawn: false);

    /// <summary>
    /// Closes a connection that was admitted but never got a session (its thread could not be
    /// created): counted as rejected instead of accepted. Returns whether this call released it.
    /// </summary>
    internal bool Withdraw() => Release(withdrawn: true);

    private bool Release(bool withdrawn)
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return false;
        }

        Socket.Dispose();
        _owner.OnReleased(this, withdrawn);
        return true;
    }

    /// <summary>Resets the connection (RST) and releases it; used when the stop deadline has passed.</summary>
    internal void Abort(EngineStatistics statistics)
    {
        if (IsReleased)
        {
            return;
        }

        try
        {
            Socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        if (Release())
        {
            statistics.OnError(ErrorKind.ForcedClose);
        }
    }
}
