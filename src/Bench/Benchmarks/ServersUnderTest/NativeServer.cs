using System.Net;
using KEchoBench.Bench.Processes;

namespace KEchoBench.Bench.Benchmarks.ServersUnderTest;

/// <summary>
/// A native yardstick (<c>native:PROGRAM</c>) run as its own process for one case, as a built-in
/// engine is: started fresh on an ephemeral port, measured from /proc by its pid like an external
/// server whose pid is named, and stopped with SIGTERM so nothing it holds reaches the next case.
/// </summary>
internal sealed class NativeServer : IServerUnderTest
{
    private static readonly TimeSpan s_readyTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(10);
    private readonly ServerProcess _process;

    private NativeServer(ServerProcess process) => _process = process;

    public IPEndPoint EndPoint => _process.EndPoint;

    public int? ProcessId => _process.Pid;

    /// <summary>Starts PROGRAM from <paramref name="folder"/>; throws with the program's own error text when it cannot.</summary>
    public static async Task<NativeServer> StartAsync(string folder, string program, int backlog, CancellationToken cancellation)
    {
        string path = Path.Combine(folder, program);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is not built; run {NativeYardsticks.BuildCommand(folder)}");
        }

        var process = await ServerProcess.StartProgramAsync(path, NativeYardsticks.Arguments(program, backlog), NativeYardsticks.Prefix + program, s_readyTimeout, cancellation).ConfigureAwait(false);
        return new NativeServer(process);
    }

    public ProcessSample? Sample() => ProcFs.Sample(_process.Pid);

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(s_stopTimeout).ConfigureAwait(false);
        await _process.DisposeAsync().ConfigureAwait(false);
    }
}
