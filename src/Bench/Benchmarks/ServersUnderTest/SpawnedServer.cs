using System.Net;
using KEchoBench.Bench.Processes;
using KEchoBench.Servers.Configuration;

namespace KEchoBench.Bench.Benchmarks.ServersUnderTest;

/// <summary>
/// A built-in engine run as its own <c>kechobench serve</c> process, so that its CPU, threads and
/// memory are its own and nothing it leaves behind (threads, sockets, ThreadPool growth) reaches
/// the next case.
/// </summary>
internal sealed class SpawnedServer : IServerUnderTest
{
    private static readonly TimeSpan s_readyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(10);
    private readonly ServerProcess _process;

    private SpawnedServer(ServerProcess process) => _process = process;

    public IPEndPoint EndPoint => _process.EndPoint;

    public int? ProcessId => _process.Pid;

    /// <summary>Starts the engine with the scenario's work model; throws with the server's own error text when it cannot.</summary>
    public static async Task<SpawnedServer> StartAsync(string engine, WorkModel work, int backlog, IReadOnlyList<string> options, CancellationToken cancellation)
    {
        string[] arguments = ["--work", work.ToString(), "--backlog", backlog.ToString(System.Globalization.CultureInfo.InvariantCulture), .. options];
        var process = await ServerProcess.StartAsync(engine, arguments, s_readyTimeout, cancellation).ConfigureAwait(false);
        return new SpawnedServer(process);
    }

    public ProcessSample? Sample() => ProcFs.Sample(_process.Pid);

    /// <summary>Stops the server with SIGTERM and waits for it, so its port and threads are gone before the next case.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(s_stopTimeout).ConfigureAwait(false);
        await _process.DisposeAsync().ConfigureAwait(false);
    }
}
