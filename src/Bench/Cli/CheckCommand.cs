using System.CommandLine;
using System.Net;
using KEchoBench.Bench.Check;
using KEchoBench.Bench.Processes;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// <c>kechobench check [HOST:]PORT</c> or <c>check --spawn ENGINE</c>: hunts the kecho defects in
/// any TCP echo server, on the given address only. Exit 0: every check passed (or was skipped);
/// 1: a defect was found; 2: bad usage or the server cannot be reached.
/// </summary>
internal static class CheckCommand
{
    private static readonly TimeSpan ServerStopTimeout = TimeSpan.FromSeconds(15);

    public static Command Create()
    {
        var options = new CheckOptionSet();
        var command = new Command("check", "Hunt the kecho defects in any TCP echo server: exact echo, binary safety, telnet lines, slow readers, half-close, resets, bursts; with --spawn also stop, rebind and the descriptor limit.");
        options.AddTo(command);
        command.SetAction((result, cancellation) => RunAsync(
            result.GetValue(options.Address),
            options.SpawnSpec(result),
            options.Settings(result),
            CheckOptionSet.Names(result, options.Only),
            CheckOptionSet.Names(result, options.Skip),
            result.GetValue(options.Json),
            result.InvocationConfiguration,
            cancellation));
        return command;
    }

    private static async Task<int> RunAsync(IPEndPoint? address, SpawnSpec? spawn, CheckSettings settings, string[] only, string[] skip, bool json, InvocationConfiguration io, CancellationToken cancellation)
    {
        if (await SelectAsync(settings, only, skip, io.Error).ConfigureAwait(false) is not { } checks)
        {
            return ExitCodes.Usage;
        }

        ServerProcess? server = null;
        if (spawn is not null)
        {
            try
            {
                server = await ServerProcess.StartAsync(spawn.Engine, spawn.Arguments, SpawnSpec.ReadyTimeout, cancellation).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                await io.Error.WriteLineAsync("kechobench check --spawn: " + e.Message.Trim()).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
        }

        try
        {
            var context = new CheckContext(server?.EndPoint ?? address!, settings, spawn, server);
            return await CheckAsync(context, checks, json, io, cancellation).ConfigureAwait(false);
        }
        finally
        {
            if (server is not null)
            {
                await server.StopAsync(ServerStopTimeout).ConfigureAwait(false);
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The checks --only and --skip leave; null when they or the settings cannot run (said on <paramref name="error"/>).</summary>
    private static async Task<IReadOnlyList<EchoCheck>?> SelectAsync(CheckSettings settings, string[] only, string[] skip, TextWriter error)
    {
        var problems = settings.Validate().ToList();
        var checks = CheckCatalog.Select(only, skip, out var unknown);
        problems.AddRange(unknown);
        if (problems.Count > 0)
        {
            foreach (string problem in problems)
            {
                await error.WriteLineAsync("kechobench check: " + problem).ConfigureAwait(false);
            }

            return null;
        }

        return checks;
    }

    /// <summary>Runs the checks on a server that is up and prints the report (table or JSON); 0 when none failed.</summary>
    private static async Task<int> CheckAsync(CheckContext context, IReadOnlyList<EchoCheck> checks, bool json, InvocationConfiguration io, CancellationToken cancellation)
    {
        if (!await CheckRunner.IsUpAsync(context, cancellation).ConfigureAwait(false))
        {
            await io.Error.WriteLineAsync($"kechobench check: no server accepts connections at {CheckText.EndPoint(context.Target)} — is it running?").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var spawn = context.Spawn;
        if (!json)
        {
            await io.Output.WriteLineAsync($"kechobench check {(spawn is null ? CheckText.EndPoint(context.Target) : $"--spawn: {spawn.Describe()} (pid {context.Server!.Pid}) on {CheckText.EndPoint(context.Target)}")}: {checks.Count} checks, each within its time limit").ConfigureAwait(false);
        }

        var report = await CheckRunner.RunAsync(context, checks, cancellation: cancellation).ConfigureAwait(false);
        if (json)
        {
            await io.Output.WriteLineAsync(CheckDocument.From(report).ToJson()).ConfigureAwait(false);
        }
        else
        {
            CheckTable.Write(report, io.Output);
        }

        return report.Failed > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }
}
