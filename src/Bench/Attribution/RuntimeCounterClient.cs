using System.Net.Sockets;
using System.Text;
using KEchoBench.Servers.Statistics;

namespace KEchoBench.Bench.Attribution;

/// <summary>
/// Reads a <c>kechobench serve</c> process's runtime counters from its endpoint
/// (<see cref="RuntimeCountersEndpoint"/>): connect, read one line, done. A server that is not one
/// (a native yardstick, your own server given with --server-pid) has no endpoint: the reason says so.
/// </summary>
internal static class RuntimeCounterClient
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(1);

    /// <summary>Why a process has no runtime counters when it has no endpoint.</summary>
    public const string NoEndpoint = "not a kechobench serve process (the runtime's counters come from its endpoint; other servers have none)";

    /// <summary>The counters of process <paramref name="pid"/> now; null with <paramref name="absent"/> saying why.</summary>
    public static RuntimeCounters? Read(int pid, out string? absent) => Read(RuntimeCountersEndpoint.PathFor(pid), out absent);

    /// <summary>The counters from the endpoint at <paramref name="path"/>.</summary>
    public static RuntimeCounters? Read(string path, out string? absent)
    {
        if (!File.Exists(path))
        {
            absent = NoEndpoint;
            return null;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            using var cancel = new CancellationTokenSource(s_timeout);
            socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancel.Token).AsTask().GetAwaiter().GetResult();
            var buffer = new byte[512];
            int filled = 0;
            while (filled < buffer.Length)
            {
                int read = socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancel.Token).AsTask().GetAwaiter().GetResult();
                if (read == 0)
                {
                    break;
                }

                filled += read;
                if (buffer.AsSpan(0, filled).Contains((byte)'\n'))
                {
                    break;
                }
            }

            string line = Encoding.ASCII.GetString(buffer, 0, filled).Trim();
            var counters = RuntimeCounters.Parse(line);
            absent = counters is null ? $"the endpoint {path} answered '{Shorten(line)}', not runtime counters" : null;
            return counters;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            absent = $"the runtime counters endpoint {path} did not answer ({(e is OperationCanceledException ? "no line within 1 s" : e.Message)})";
            return null;
        }
    }

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..60] + "…";
}
