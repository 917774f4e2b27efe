using System.Buffers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using KEchoBench.Servers.Sessions;

namespace KEchoBench.Servers.Engines;

/// <summary>
/// A <c>cmwq</c> connection and its unit of work, "do the work for this received chunk, then echo
/// it", in one object that is reused for every chunk.
/// <list type="bullet">
/// <item>While idle it is only watched: the <see cref="ReadinessThread"/> holds its tag in epoll,
/// and the connection holds no buffer, no thread and no runtime async state.</item>
/// <item>When data arrives the readiness thread queues it on the engine's channel; an executor rents
/// a buffer, reads with a non-blocking recv, runs the work model, sends exactly the bytes received,
/// returns the buffer and arms the connection again.</item>
/// <item>When the peer reads slower than it writes, the unsent rest keeps the buffer and the
/// connection waits for room instead of data; the executor goes on to other work, and the next
/// executor sends the rest.</item>
/// </list>
/// The socket calls go to the descriptor directly (MSG_DONTWAIT: each call is non-blocking, the
/// socket's own mode is left alone), under a reference on its handle, so that a forced stop that
/// closes the socket concurrently cannot close the descriptor under a call and let its number be
/// reused; the half-close's shutdown is the one exception (<see cref="SocketConnection.FinishSending"/>). Arming
/// the connection is the last thing an executor does with it: from then on the readiness thread
/// may hand it to another executor, even before this one has released its reference.
/// </summary>
internal sealed unsafe class ChunkWork
{
    private readonly ChunkWorkSettings _settings;
    private readonly SafeSocketHandle _socket;
    private readonly int _fd;

    // What the connection's epoll events carry back to the readiness thread.
    private GCHandle<ChunkWork> _tag;

    // While a received chunk is being echoed: its buffer, and the part not sent yet.
    private byte[]? _buffer;
    private int _offset;
    private int _count;

    public ChunkWork(SocketConnection connection, ChunkWorkSettings settings)
    {
        Connection = connection;
        _settings = settings;
        _socket = connection.Socket.SafeHandle;
        _fd = (int)_socket.DangerousGetHandle();
    }

    public SocketConnection Connection { get; }

    /// <summary>The work item an event's tag stands for (the readiness thread's side of the tag).</summary>
    public static ChunkWork FromTag(nint tag) => GCHandle<ChunkWork>.FromIntPtr(tag).Target;

    /// <summary>Starts the session: the connection is watched for its first chunk.</summary>
    public void Start()
    {
        _tag = new GCHandle<ChunkWork>(this);
        bool watched = false;
        if (Enter())
        {
            watched = _settings.Readiness.Watch(_fd, GCHandle<ChunkWork>.ToIntPtr(_tag));
            Leave();
        }

        if (!watched)
        {
            End();
        }
    }

    /// <summary>Runs on an executor: receive and echo a chunk, or send the rest of one; then arm the connection again.</summary>
    public void Execute()
    {
        bool goesOn;
        try
        {
            goesOn = _buffer is null ? ReceiveAndEcho() : SendRest();
        }
        catch (Exception e)
        {
            _settings.Faulted(this, e);
            goesOn = false;
        }

        if (!goesOn || !Arm())
        {
            End();
        }
    }

    /// <summary>
    /// Ends the session: stops watching the connection and releases it. Called by whoever holds the
    /// connection disarmed: an executor, the accept loop, or the readiness thread during a stop.
    /// </summary>
    public void End()
    {
        ReturnBuffer();
        if (_tag.IsAllocated)
        {
            // Deregister before the socket is closed. A forced stop that has closed it already
            // removed it from epoll with the descriptor.
            if (Enter())
            {
                _settings.Readiness.Forget(_fd);
                Leave();
            }

            _tag.Dispose();
        }

        _settings.Ended(this);
    }

    /// <summary>Reads one chunk, applies the work model and echoes it. Returns false when the session ends.</summary>
    private bool ReceiveAndEcho()
    {
        if (!Enter())
        {
            return false; // Released by a forced stop.
        }

        int size = _settings.Options.BufferSize;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
        nint received;
        int errno = 0;
        try
        {
            fixed (byte* p = buffer)
            {
                received = Interop.Sockets.recv(_fd, p, size, Interop.Sockets.MSG_DONTWAIT);
            }

            if (received < 0)
            {
                errno = Marshal.GetLastPInvokeError();
            }
            else if (received == 0)
            {
                // Half-close: every earlier chunk has been echoed already (one in flight at most).
                // Through the socket, not the descriptor: the executor that armed the connection
                // for this event may still hold its handle when the session ends (FinishSending).
                Connection.FinishSending();
            }
        }
        finally
        {
            Leave();
        }

        if (received <= 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (errno is Interop.Errno.EAGAIN or Interop.Errno.EINTR)
            {
                return true; // A spurious wake-up: wait again.
            }

            if (received < 0)
            {
                CountError(errno, receiving: true);
            }

            return false;
        }

        _buffer = buffer;
        _offset = 0;
        _count = (int)received;
        _settings.Statistics.OnReceived(_count);
        _settings.Options.Work.Apply();
        return SendRest();
    }

    /// <summary>
    /// Sends what is left of the chunk, as far as the peer's window allows. Returns false when the
    /// session ends; true when it is sent (the buffer is returned) or the rest waits for room.
    /// </summary>
    private bool SendRest()
    {
        if (!Enter())
        {
            ReturnBuffer();
            return false;
        }

        int errno = 0;
        try
        {
            fixed (byte* p = _buffer)
            {
                while (_count > 0)
                {
                    nint sent = Interop.Sockets.send(_fd, p + _offset, _count, Interop.Sockets.MSG_NOSIGNAL | Interop.Sockets.MSG_DONTWAIT);
                    if (sent < 0)
                    {
                        errno = Marshal.GetLastPInvokeError();
                        if (errno == Interop.Errno.EINTR)
                        {
                            continue;
                        }

                        break;
                    }

                    _offset += (int)sent;
                    _count -= (int)sent;
                    _settings.Statistics.OnSent((int)sent);
                }
            }
        }
        finally
        {
            Leave();
        }

        if (_count == 0)
        {
            ReturnBuffer();
            return true;
        }

        if (errno == Interop.Errno.EAGAIN)
        {
            return true; // The rest keeps the buffer and waits for room.
        }

        ReturnBuffer();
        CountError(errno, receiving: false);
        return false;
    }

    /// <summary>Arms the connection for its next event: room for the rest of the echo, or the next chunk.</summary>
    private bool Arm()
    {
        if (!Enter())
        {
            return false;
        }

        try
        {
            nint tag = GCHandle<ChunkWork>.ToIntPtr(_tag);
            return _buffer is null ? _settings.Readiness.WaitForData(_fd, tag) : _settings.Readiness.WaitForRoom(_fd, tag);
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>Takes a reference on the socket's handle for one call. False once it has been released.</summary>
    private bool Enter()
    {
        bool entered = false;
        try
        {
            _socket.DangerousAddRef(ref entered);
        }
        catch (ObjectDisposedException)
        {
            // Released by a forced stop.
        }

        return entered;
    }

    private void Leave() => _socket.DangerousRelease();

    private void ReturnBuffer()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void CountError(int errno, bool receiving)
    {
        if (SocketErrors.Classify(SocketErrors.FromErrno(errno), receiving, _settings.Stopping.IsCancellationRequested) is { } kind)
        {
            _settings.Statistics.OnError(kind);
        }
    }
}
