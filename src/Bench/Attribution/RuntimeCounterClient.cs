using System.Net.Sockets;
using System.Text;
using KEchoBench.Servers.Statistics;

namespace KEchoBench.Bench.Attribution;

/// <summary>
/// One connection to a <c>kechobench serve</c> process's runtime counters endpoint
/// (<see cref="RuntimeCountersEndpoint"/>), held for a round: each <see cref="Read"/> sends a byte
/// and reads one line back. A server that is not one (a native yardstick, your own server given
/// with --server-pid) has no endpoint: the reason says so.
/// </summary>
internal sealed class RuntimeCounterClient : IDisposable
{
    private static readonly byte[] s_next = "\n"u8.ToArray();

    /// <summary>Why a process has no runtime counters when it has no endpoint.</summary>
    public const string NoEndpoint = "not a kechobench serve process (the runtime's counters come from its endpoint; other servers have none)";

    private readonly Socket _socket;
    private readonly string _path;
    private readonly byte[] _buffer = new byte[512];
    private readonly Lock _gate = new();

    private RuntimeCounterClient(Socket socket, string path)
    {
        _socket = socket;
        _path = path;
    }

    /// <summary>Connects to process <paramref name="pid"/>'s endpoint; null with <paramref name="absent"/> saying why.</summary>
    public static RuntimeCounterClient? Connect(int pid, out string? absent) => Connect(RuntimeCountersEndpoint.PathFor(pid), out absent);

    /// <summary>Connects to the endpoint at <paramref name="path"/>.</summary>
    public static RuntimeCounterClient? Connect(string path, out string? absent)
    {
        if (!File.Exists(path))
        {
            absent = NoEndpoint;
            return null;
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 1000, SendTimeout = 1000 };
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            absent = null;
            return new RuntimeCounterClient(socket, path);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            absent = $"the runtime counters endpoint {path} did not answer ({e.Message})";
            return null;
        }
    }

    /// <summary>The counters from the endpoint at <paramref name="path"/> now, over a connection of their own.</summary>
    public static RuntimeCounters? ReadOnce(string path, out string? absent)
    {
        using var client = Connect(path, out absent);
        return client?.Read(out absent);
    }

    /// <summary>The counters now; null with <paramref name="absent"/> saying why (no line within a second, not a line of counters).</summary>
    public RuntimeCounters? Read(out string? absent)
    {
        lock (_gate)
        {
            try
            {
                _socket.Send(s_next);
                int filled = 0;
                while (filled < _buffer.Length)
                {
                    int read = _socket.Receive(_buffer.AsSpan(filled));
                    if (read == 0)
                    {
                        break;
                    }

                    filled += read;
                    if (_buffer[filled - 1] == (byte)'\n')
                    {
                        break;
                    }
                }

                if (filled == 0)
                {
                    absent = $"the runtime counters endpoint {_path} did not answer (it closed the connection: the server stopped, or it serves {RuntimeCountersEndpoint.MaxClients} readers already)";
                    return null;
                }

                string line = Encoding.ASCII.GetString(_buffer, 0, filled).Trim();
                var counters = RuntimeCounters.Parse(line);
                absent = counters is null ? $"the endpoint {_path} answered '{Shorten(line)}', not runtime counters" : null;
                return counters;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                absent = $"the runtime counters endpoint {_path} did not answer ({(e is SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock } ? "no line within 1 s" : e.Message)})";
                return null;
            }
        }
    }

    public void Dispose() => _socket.Dispose();

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..60] + "…";
}
