using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace KEchoBench.Servers.Statistics;

/// <summary>
/// A Unix socket at <see cref="PathFor"/>(this process's id) that writes one line of
/// <see cref="RuntimeCounters"/> to every client that connects, then closes: how a load generator
/// that knows only the server's process id (<c>load --server-pid</c>, <c>bench</c>'s spawned
/// servers) reads the runtime inside it at a round's edges. It reads nothing from its clients and
/// runs nothing they say; the socket file is the owner's alone (mode 0600), is made anew at the
/// start and removed at the stop. The runtime's own diagnostics socket (EventPipe) would give the
/// same counters only as a stream every second, not at the instant a round starts or ends.
/// </summary>
internal sealed class RuntimeCountersEndpoint : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly RuntimeCounterReader _reader;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private RuntimeCountersEndpoint(string path, Socket listener, RuntimeCounterReader reader, ILogger logger)
    {
        Path = path;
        _listener = listener;
        _reader = reader;
        _logger = logger;
        _accepting = AcceptAsync();
    }

    public string Path { get; }

    /// <summary>Where process <paramref name="pid"/>'s endpoint is: in the temporary folder, named by the id.</summary>
    public static string PathFor(int pid) => System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"kechobench-runtime-{pid}.sock");

    /// <summary>
    /// Opens this process's endpoint (at <paramref name="path"/> instead, for tests that run
    /// several in one process); a file left at its path by an earlier process of the same id is replaced.
    /// </summary>
    public static RuntimeCountersEndpoint Open(ILogger logger, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        path ??= PathFor(Environment.ProcessId);
        var reader = new RuntimeCounterReader();
        _ = reader.Read(); // fails here, at the start, on a runtime without the counters
        File.Delete(path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            listener.Listen(16);
        }
        catch
        {
            listener.Dispose();
            reader.Dispose();
            File.Delete(path);
            throw;
        }

        return new RuntimeCountersEndpoint(path, listener, reader, logger);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _reader.Dispose();
        _stop.Dispose();
        File.Delete(Path);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || _stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                // Out of descriptors, for one: the reader gets no line this time and says so; the
                // echo server goes on.
                _logger.LogWarning("runtime counters endpoint: accept failed ({Error}); the next reader is tried", e.SocketErrorCode);
                await Task.Delay(50, _stop.Token).ConfigureAwait(false);
                continue;
            }

            using (client)
            {
                try
                {
                    byte[] line = Encoding.ASCII.GetBytes(_reader.Read().ToLine() + "\n");
                    await client.SendAsync(line, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException)
                {
                    // The reader hung up or the server is stopping: nothing to do.
                }
            }
        }
    }
}
