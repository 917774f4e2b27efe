using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace KEchoBench.Servers.Statistics;

/// <summary>
/// A Unix socket at <see cref="PathFor"/>(this process's id) that answers every byte a client
/// sends with one line of <see cref="RuntimeCounters"/>: how a load generator that knows only the
/// server's process id (<c>load --server-pid</c>, <c>bench</c>'s spawned servers) reads the runtime
/// inside it at a round's edges and every few polls between, over one connection per round (a
/// connection per read, accepted on the ThreadPool, cost the server several times the CPU per read:
/// docs/measurements/2026-12-06-runtime-counters.md).
/// What a client sends is never interpreted, only counted as a request for the next line; at most
/// <see cref="MaxClients"/> are served at once (more are closed at once). The socket file is the
/// owner's alone (mode 0600), made anew at the start and removed at the stop. The runtime's own
/// diagnostics socket (EventPipe) would give the same counters only as a stream every second, not
/// at the instant a round starts or ends.
/// </summary>
internal sealed class RuntimeCountersEndpoint : IDisposable
{
    private readonly Socket _listener;
    private readonly RuntimeCounterReader _reader;
    private readonly ILogger _logger;
    /// <summary>Readers served at once: a load generator holds one per round; a few more for tools.</summary>
    public const int MaxClients = 8;

    private readonly Thread _accepting;
    private readonly Lock _clientsGate = new();
    private readonly List<(Socket Socket, Thread Thread)> _clients = [];
    private volatile bool _stopping;

    private RuntimeCountersEndpoint(string path, Socket listener, RuntimeCounterReader reader, ILogger logger)
    {
        Path = path;
        _listener = listener;
        _reader = reader;
        _logger = logger;
        // A thread of its own, blocked in accept(): a read wakes one thread and nothing else (on
        // the ThreadPool, each read also woke a worker that then spun looking for more work).
        _accepting = new Thread(Accept) { IsBackground = true, Name = "runtime counters endpoint" };
        _accepting.Start();
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

    /// <summary>Stops serving: closes the listener and every reader's connection, waits for their threads, and removes the socket file.</summary>
    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _listener.Dispose(); // ends the blocked accept
        _accepting.Join();
        List<(Socket Socket, Thread Thread)> clients;
        lock (_clientsGate)
        {
            clients = [.. _clients];
        }

        foreach (var (socket, thread) in clients)
        {
            socket.Dispose(); // ends the blocked receive
            thread.Join();
        }

        _reader.Dispose();
        File.Delete(Path);
    }

    private void Accept()
    {
        bool failing = false;
        while (!_stopping)
        {
            Socket client;
            try
            {
                client = _listener.Accept();
            }
            catch (Exception e) when (e is ObjectDisposedException || _stopping)
            {
                return;
            }
            catch (SocketException e)
            {
                // Out of descriptors, for one: the reader waits (and gives up after its timeout);
                // the echo server goes on. Said once until an accept succeeds again.
                if (!failing)
                {
                    _logger.LogWarning("runtime counters endpoint: accept failed ({Error}); retrying every 50 ms, readers wait meanwhile", e.SocketErrorCode);
                    failing = true;
                }

                Thread.Sleep(50);
                continue;
            }

            if (failing)
            {
                _logger.LogWarning("runtime counters endpoint: accepting again");
                failing = false;
            }

            lock (_clientsGate)
            {
                if (_stopping || _clients.Count >= MaxClients)
                {
                    client.Dispose();
                    continue;
                }

                // A thread per reader, blocked in receive between its reads: a read then wakes that
                // one thread (on the ThreadPool it also woke a worker that spun looking for more work).
                var thread = new Thread(() => Serve(client)) { IsBackground = true, Name = "runtime counters" };
                _clients.Add((client, thread));
                thread.Start();
            }
        }
    }

    private void Serve(Socket client)
    {
        var request = new byte[64];
        var line = new byte[512];
        try
        {
            while (!_stopping && client.Receive(request) > 0)
            {
                int length = Encoding.ASCII.GetBytes(_reader.Read().ToLine() + "\n", line);
                client.Send(line.AsSpan(0, length), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The reader hung up, or the server is stopping.
        }
        finally
        {
            lock (_clientsGate)
            {
                _clients.RemoveAll(c => c.Socket == client);
            }

            client.Dispose();
        }
    }
}
