using System.CommandLine;
using System.Net;
using Akka.Actor;
using KEchoBench.Bench.Distributed;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// <c>kechobench agent</c>: a member of a cluster of hosts (Akka.NET Cluster) that takes commands
/// from a coordinator (<c>load --cluster</c>, <c>bench --cluster</c>) holding the same secret.
/// Role <c>load</c> runs a share of the load; role <c>server</c> runs the server under test
/// (<c>kechobench serve</c> with validated options, or the one <c>--server-command</c>). Runs until
/// SIGINT/SIGTERM. Exit 2 on bad usage.
/// </summary>
internal static class AgentCommand
{
    public static Command Create()
    {
        var options = new AgentOptionSet();
        var command = new Command("agent", "Run as a load or server agent of a distributed run: a coordinator (load/bench --cluster) holding the same secret sends it commands.");
        options.AddTo(command);
        command.SetAction((result, cancellation) => RunAsync(
            result.GetValue(options.Role)!,
            result.GetValue(options.Bind)!,
            result.GetValue(options.Port),
            result.GetValue(options.Seed),
            result.GetValue(options.SecretFile),
            options.External(result),
            !result.GetValue(options.Quiet),
            result.InvocationConfiguration,
            cancellation));
        return command;
    }

    private static async Task<int> RunAsync(string role, IPAddress bind, int port, string? seedText, FileInfo? secretFile, ExternalCommand? external, bool verbose, InvocationConfiguration io, CancellationToken cancellation)
    {
        if (ClusterSecret.Read(secretFile, out string problem) is not { } secret)
        {
            await io.Error.WriteLineAsync("kechobench agent: " + problem).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        IReadOnlyList<IPEndPoint> seeds = [new IPEndPoint(bind, port)];
        if (seedText is not null)
        {
            if (ClusterCoordinator.ParseSeeds(seedText, out string seedProblem) is not { } parsed)
            {
                await io.Error.WriteLineAsync("kechobench agent: " + seedProblem.Replace("--cluster", "--seed", StringComparison.Ordinal)).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            seeds = parsed;
        }

        ClusterNode node;
        try
        {
            node = ClusterNode.Start(bind, port, role, secret, verbose);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or AggregateException or Akka.Remote.RemoteTransportException or InvalidOperationException)
        {
            await io.Error.WriteLineAsync($"kechobench agent: cannot listen on {bind}:{port}: {e.GetBaseException().Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        await using (node.ConfigureAwait(false))
        {
            var identity = new AgentIdentity(role, Dns.GetHostName(), $"{bind}:{port}", external?.ToString());
            var props = role == AgentIdentity.LoadRole
                ? LoadAgent.Props(identity, node.Admissions)
                : ServerAgent.Props(identity, node.Admissions, bind, ValidateServeOptions, external);
            node.System.ActorOf(props, "agent");
            node.Join(seeds);
            // One line a script can wait for, as serve's "listening on".
            await io.Output.WriteLineAsync($"agent {role} listening on {bind}:{port} version {KEchoBenchVersion.Current}{(external is null ? string.Empty : $" server-command {external}")}").ConfigureAwait(false);
            await io.Output.FlushAsync(cancellation).ConfigureAwait(false);

            var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
            {
                c.Cancel = true;
                stop.TrySetResult();
            });
            using var registration = cancellation.Register(() => stop.TrySetResult());
            await Task.WhenAny(stop.Task, node.System.WhenTerminated).ConfigureAwait(false);
            await io.Output.WriteLineAsync("agent stopping").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    /// <summary>The server role's check of a coordinator's serve options: only engine options (never a port or an address: the agent chooses those), as serve's own parser reads them.</summary>
    internal static string? ValidateServeOptions(string engine, IReadOnlyList<string> options)
    {
        string[] allowed = ["--work", "--backlog", "--workers", "--queue-capacity", "--max-active", "--max-connections", "--buffer-size", "--stop-timeout"];
        string[] switches = ["--sqpoll"];
        int i = 0;
        while (i < options.Count)
        {
            if (switches.Contains(options[i], StringComparer.Ordinal))
            {
                i++;
            }
            else if (allowed.Contains(options[i], StringComparer.Ordinal) && i + 1 < options.Count)
            {
                i += 2;
            }
            else
            {
                return $"serve option '{options[i]}' is not accepted from a coordinator (allowed, each with a value: {string.Join(", ", allowed)}; without one: {string.Join(", ", switches)})";
            }
        }

        var root = new RootCommand { ServeCommand.Create() };
        var parsed = root.Parse(["serve", "--engine", engine, .. options]);
        return parsed.Errors.Count == 0 ? null : string.Join("; ", parsed.Errors.Select(e => e.Message));
    }
}
