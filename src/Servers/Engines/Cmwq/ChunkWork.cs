using System.Buffers;
using System.Net.Sockets;
using KEchoBench.Servers.Sessions;
using KEchoBench.Servers.Statistics;

namespace KEchoBench.Servers.Engines;

/// <summary>
/// A <c>cmwq</c> connection and its unit of work, "do the work for this received chunk, then echo
/// it", in one object that is reused for every chunk.
/// <list type="bullet">
/// <item>It is the socket event args of the connection's zero-byte receive (Kestrel's approach): an
/// idle connection holds this object and its socket, no buffer, no thread, no async state machine.</item>
/// <item>When data arrives it rents a buffer, reads with a plain non-blocking recv and queues itself
/// on the engine's channel; an executor runs the work model and the echo, returns the buffer and
/// arms the next zero-byte receive.</item>
/// </list>
/// A connection has at most one chunk in flight, which keeps its bytes in order.
/// </summary>
internal sealed class ChunkWork : SocketAsyncEventArgs
{
    private readonly ChunkWorkSettings _settings;
    private byte[]? _buffer;
    private int _count;

    public ChunkWork(SocketConnection connection, ChunkWorkSettings settings)
        : base(unsafeSuppressExecutionContextFlow: true)
    {
        Connection = connection;
        _settings = settings;
    }

    public SocketConnection Connection { get; }

    /// <summary>Starts the session: the socket becomes non-blocking for synchronous calls, then the first wait.</summary>
    public void Start()
    {
        try
        {
            // Asynchronous operations are unaffected; synchronous ones return WouldBlock instead of
            // waiting, so what the zero-byte receive announced is read with a plain recv, and the
            // echo tries a plain send before it needs an asynchronous one.
            Connection.Socket.Blocking = false;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            End();
            return;
        }

        Resume(armFirst: true);
    }

    /// <summary>Runs on an executor: the work model, the echo of exactly the bytes received, then the next wait.</summary>
    public async ValueTask ExecuteAsync()
    {
        bool echoed = false;
        try
        {
            _settings.Options.Work.Apply();
            var socket = Connection.Socket;
            var pending = _buffer.AsMemory(0, _count);
            while (!pending.IsEmpty)
            {
                // A plain send goes straight to the kernel. Only a peer that reads slower than it
                // writes (WouldBlock) costs an asynchronous send, and with it the socket's cached
                // send state.
                int sent = socket.Send(pending.Span, SocketFlags.None, out SocketError error);
                if (error == SocketError.WouldBlock)
                {
                    sent = await socket.SendAsync(pending, SocketFlags.None).ConfigureAwait(false);
                }
                else if (error != SocketError.Success)
                {
                    throw new SocketException((int)error);
                }

                _settings.Statistics.OnSent(sent);
                pending = pending[sent..];
            }

            echoed = true;
        }
        catch (SocketException e)
        {
            CountError(e.SocketErrorCode, receiving: false);
        }
        catch (ObjectDisposedException)
        {
            // Released by a forced stop.
        }
        catch (Exception e)
        {
            _settings.Faulted(this, e);
        }

        ReturnBuffer();
        if (echoed)
        {
            Resume(armFirst: true);
        }
        else
        {
            End();
        }
    }

    /// <summary>The zero-byte receive completed asynchronously (on a ThreadPool thread).</summary>
    protected override void OnCompleted(SocketAsyncEventArgs e) => Resume(armFirst: false);

    /// <summary>
    /// Arms the zero-byte receive (when <paramref name="armFirst"/>) and, for as long as it
    /// completes at once, handles what it found. Returns once a receive is pending, the chunk is
    /// queued, or the session has ended.
    /// </summary>
    private void Resume(bool armFirst)
    {
        try
        {
            if (armFirst && Connection.Socket.ReceiveAsync(this))
            {
                return;
            }

            while (ReadAndQueue())
            {
                if (Connection.Socket.ReceiveAsync(this))
                {
                    return;
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // Released by a forced stop.
            ReturnBuffer();
            End();
        }
        catch (Exception e)
        {
            ReturnBuffer();
            _settings.Faulted(this, e);
            End();
        }
    }

    /// <summary>
    /// After a completed zero-byte receive: reads the chunk and queues this work item. Returns true
    /// when there was nothing to read after all and the session should wait again.
    /// </summary>
    private bool ReadAndQueue()
    {
        if (SocketError != SocketError.Success)
        {
            CountError(SocketError, receiving: true);
            End();
            return false;
        }

        int size = _settings.Options.BufferSize;
        _buffer = ArrayPool<byte>.Shared.Rent(size);
        var socket = Connection.Socket;
        int received = socket.Receive(_buffer, 0, size, SocketFlags.None, out SocketError error);
        if (error == SocketError.WouldBlock)
        {
            ReturnBuffer();
            return true;
        }

        if (error != SocketError.Success || received == 0)
        {
            ReturnBuffer();
            if (error != SocketError.Success)
            {
                CountError(error, receiving: true);
            }
            else
            {
                // Half-close: every earlier chunk has been echoed already.
                ShutdownSend(socket);
            }

            End();
            return false;
        }

        _settings.Statistics.OnReceived(received);
        _count = received;
        if (!_settings.Queue.TryWrite(this))
        {
            // The engine has stopped taking work: this session was admitted during the stop.
            ReturnBuffer();
            End();
        }

        return false;
    }

    private void ReturnBuffer()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void End() => _settings.Ended(this);

    private void CountError(SocketError error, bool receiving)
    {
        if (SocketErrors.Classify(error, receiving, _settings.Stopping.IsCancellationRequested) is { } kind)
        {
            _settings.Statistics.OnError(kind);
        }
    }

    private static void ShutdownSend(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // Already reset or shut down by a stop: nothing left to tell the client.
        }
    }
}
