using System.Net;
using KEchoBench.Bench.Processes;

namespace KEchoBench.Bench.Distributed;

/// <summary><c>kechobench serve</c> started by a server agent: the suite's own <see cref="ServerProcess"/>, bound to the agent's address.</summary>
internal sealed class ServeProcess : IManagedServer
{
    private readonly ServerProcess _process;

    private ServeProcess(ServerProcess process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
    }

    public IPEndPoint EndPoint => _process.EndPoint;

    public int Pid => _process.Pid;

    public string CommandLine { get; }

    public static async Task<IManagedServer> StartAsync(string engine, IReadOnlyList<string> options, TimeSpan readyTimeout)
    {
        var process = await ServerProcess.StartAsync(engine, options, readyTimeout).ConfigureAwait(false);
        return new ServeProcess(process, $"kechobench serve --engine {engine} {string.Join(' ', options)}");
    }

    public async Task<ServerExit> StopAsync(TimeSpan timeout)
    {
        var exit = await _process.StopAsync(timeout).ConfigureAwait(false);
        await _process.DisposeAsync().ConfigureAwait(false);
        return exit;
    }
}
