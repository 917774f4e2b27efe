using System.Net.Sockets;
using System.Threading.Tasks.Sources;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Statistics;

namespace KEchoBench.Servers.Sessions;

/// <summary>
/// The <c>cmwq</c> engine's unit of work: "do the work for this received chunk, then echo it".
/// One instance per connection, reused for every chunk (a connection has at most one chunk in
/// flight, which also keeps its bytes in order), so queueing work allocates nothing. The session
/// awaits it as a <see cref="ValueTask{TResult}"/> backed by this object.
/// </summary>
internal sealed class ChunkWork : IValueTaskSource<bool>
{
    private readonly EngineOptions _options;
    private readonly EngineStatistics _statistics;
    private readonly CancellationToken _stopping;
    private ManualResetValueTaskSourceCore<bool> _completion;
    private byte[]? _buffer;
    private int _count;

    public ChunkWork(Connection connection, EngineOptions options, EngineStatistics statistics, CancellationToken stopping)
    {
        Connection = connection;
        _options = options;
        _statistics = statistics;
        _stopping = stopping;

        // The session's continuation runs inline on the executing thread: it only posts the next
        // zero-byte receive, and a hop to another pool thread would cost more than it saves.
        _completion.RunContinuationsAsynchronously = false;
    }

    public Connection Connection { get; }

    /// <summary>Arms the work item for one chunk; the returned task completes when it has been echoed.</summary>
    public ValueTask<bool> Prepare(byte[] buffer, int count)
    {
        _buffer = buffer;
        _count = count;
        _completion.Reset();
        return new ValueTask<bool>(this, _completion.Version);
    }

    /// <summary>Runs on an executor: the work model, then the echo of exactly the bytes received.</summary>
    public async ValueTask ExecuteAsync()
    {
        bool ok = false;
        try
        {
            _options.Work.Apply();
            var socket = Connection.Socket;
            var pending = _buffer.AsMemory(0, _count);
            while (!pending.IsEmpty)
            {
                // The session made the socket non-blocking: a plain send goes straight to the
                // kernel. Only a peer that reads slower than it writes (WouldBlock) costs an
                // asynchronous send, and with it the socket's cached send state.
                int sent = socket.Send(pending.Span, SocketFlags.None, out SocketError error);
                if (error == SocketError.WouldBlock)
                {
                    sent = await socket.SendAsync(pending, SocketFlags.None).ConfigureAwait(false);
                }
                else if (error != SocketError.Success)
                {
                    throw new SocketException((int)error);
                }

                _statistics.OnSent(sent);
                pending = pending[sent..];
            }

            ok = true;
        }
        catch (SocketException e)
        {
            if (SocketErrors.Classify(e.SocketErrorCode, receiving: false, _stopping.IsCancellationRequested) is { } kind)
            {
                _statistics.OnError(kind);
            }
        }
        catch (ObjectDisposedException)
        {
            // Released by a forced stop.
        }
        catch (Exception)
        {
            _statistics.OnError(ErrorKind.Internal);
        }

        _buffer = null;
        _completion.SetResult(ok);
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _completion.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _completion.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _completion.OnCompleted(continuation, state, token, flags);
}
