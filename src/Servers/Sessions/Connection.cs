using System.Net;
using System.Net.Sockets;
using KEchoBench.Servers.Statistics;

namespace KEchoBench.Servers.Sessions;

/// <summary>
/// One accepted client and the guarantee that it is released exactly once, whoever gets there
/// first: its own session finishing, or the engine stopping (kecho's unload crash was a worker
/// sending on a socket that shutdown had already released). The engines that run sessions on
/// .NET sockets hold a <see cref="SocketConnection"/>; the event loop, which works on the raw
/// descriptor, a <see cref="DescriptorConnection"/> (no <see cref="System.Net.Sockets.Socket"/> per connection).
/// </summary>
internal abstract class Connection
{
    private readonly ConnectionTracker _owner;
    private int _released;

    private protected Connection(long id, ConnectionTracker owner)
    {
        Id = id;
        _owner = owner;
    }

    public long Id { get; }

    /// <summary>The peer's address, for the verbose log.</summary>
    public abstract IPEndPoint? RemoteEndPoint { get; }

    /// <summary>Sets TCP_NODELAY: an echo must leave at once, not wait for Nagle. Throws <see cref="SocketException"/> when the peer is already gone.</summary>
    internal abstract void SetNoDelay();

    /// <summary>shutdown(SHUT_RDWR) on a socket that may have been released concurrently.</summary>
    private protected abstract void Shutdown();

    /// <summary>Makes the close a reset (SO_LINGER 0).</summary>
    private protected abstract void ResetOnClose();

    /// <summary>Closes the descriptor (once: <see cref="Release()"/> sees to that).</summary>
    private protected abstract void Close();

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
            Shutdown();
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

        Close();
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
            ResetOnClose();
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
