using System.Net;
using System.Net.Sockets;
using KEchoBench.Bench.Processes;

namespace KEchoBench.Bench.Benchmarks.ServersUnderTest;

/// <summary>
/// An echo server the suite did not start (<c>external:HOST:PORT</c>): the kecho module, a native
/// server. Its CPU, threads and memory are known only when its process id is given.
/// </summary>
internal sealed class ExternalServer : IServerUnderTest
{
    private readonly int? _pid;

    private ExternalServer(IPEndPoint endPoint, int? pid)
    {
        EndPoint = endPoint;
        _pid = pid;
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Checks that something listens at <paramref name="endPoint"/>, so a case fails with a clear reason rather than a column of errors.</summary>
    public static async Task<ExternalServer> ConnectAsync(IPEndPoint endPoint, int? pid, CancellationToken cancellation)
    {
        using var probe = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await probe.ConnectAsync(endPoint, cancellation).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException(
                e.SocketErrorCode == SocketError.ConnectionRefused
                    ? $"connection refused at {endPoint} — is a server running?"
                    : $"cannot connect to {endPoint}: {e.Message}",
                e);
        }

        if (pid is { } id && ProcFs.Sample(id) is null)
        {
            throw new InvalidOperationException($"the process of the server at {endPoint}, {id}: no such process (or /proc is not readable)");
        }

        return new ExternalServer(endPoint, pid);
    }

    public int? ProcessId => _pid;

    public ProcessSample? Sample() => _pid is { } id ? ProcFs.Sample(id) : null;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
