using System.Net;
using KEchoBench.Bench.Processes;

namespace KEchoBench.Bench.Check;

/// <summary>What a check may use: the address under test (and nothing else), the sizes, and, with <c>--spawn</c>, the server process.</summary>
internal sealed class CheckContext
{
    public CheckContext(IPEndPoint target, CheckSettings settings, SpawnSpec? spawn = null, ServerProcess? server = null)
    {
        Target = target;
        Settings = settings;
        Spawn = spawn;
        Server = server;
    }

    public IPEndPoint Target { get; }

    public CheckSettings Settings { get; }

    /// <summary>Set with <c>--spawn</c>: how to start more servers like the one under test.</summary>
    public SpawnSpec? Spawn { get; }

    /// <summary>The spawned server under test, when there is one: lets a check see whether the process died.</summary>
    public ServerProcess? Server { get; }

    public Task<CheckConnection> ConnectAsync(CancellationToken cancellation, int? socketBufferSize = null) =>
        CheckConnection.OpenAsync(Target, Settings, cancellation, socketBufferSize);

    /// <summary>Starts another server like the one under test (the spawn-only checks need their own), or fails the check.</summary>
    public async Task<ServerProcess> SpawnAsync(int port, CancellationToken cancellation)
    {
        var spawn = Spawn ?? throw new InvalidOperationException("only with --spawn");
        try
        {
            return await ServerProcess.StartAsync(spawn.Engine, port, spawn.Arguments, SpawnSpec.ReadyTimeout, cancellation).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            throw new CheckFailedException(e.Message, e);
        }
    }

    /// <summary>Fails the check when the spawned server's process has gone.</summary>
    public async Task EnsureServerAliveAsync(string when)
    {
        if (Server is not null && Server.HasExited)
        {
            var exit = await Server.StopAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            string words = exit.ErrorOutput.Trim().Split('\n')[^1].Trim();
            throw new CheckFailedException($"{when}: the server process died (exit code {exit.ExitCode}{(words.Length > 0 ? $", '{words}'" : string.Empty)})");
        }
    }
}
