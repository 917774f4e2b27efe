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
    private const string Roles = "load, server";

    public static Command Create()
    {
        var role = new Option<string>("--role")
        {
            Description = $"What this host does: {Roles}",
            Required = true,
            HelpName = "load|server",
        };
        role.Validators.Add(r =>
        {
            string? value = r.GetValueOrDefault<string>();
            if (value is not (AgentIdentity.LoadRole or AgentIdentity.ServerRole))
            {
                r.AddError($"--role '{value}': allowed values are {Roles}");
            }
        });
        var bind = new Option<IPAddress>("--bind")
        {
            Description = "The address to listen on for the cluster (only this one; the server role's server listens here too)",
            DefaultValueFactory = _ => IPAddress.Loopback,
            CustomParser = r => IPAddress.TryParse(r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty, out var a) ? a : Fail(r),
        };
        var port = new Option<int>("--port", "-p") { Description = "The cluster port", DefaultValueFactory = _ => ClusterConfig.DefaultPort };
        var seed = new Option<string?>("--seed")
        {
            Description = "HOST:PORT of an agent already running, to join its cluster (default: this agent starts the cluster)",
            HelpName = "host:port",
        };
        var secretFile = new Option<FileInfo?>("--secret-file")
        {
            Description = $"File holding the cluster's shared secret (default: the {ClusterSecret.EnvironmentVariable} environment variable)",
            HelpName = "file",
        };
        var serverCommand = new Option<string?>("--server-command")
        {
            Description = "server role: the one external server this agent may start instead of kechobench serve (run as given, without a shell); needs --server-port",
            HelpName = "command",
        };
        var serverPort = new Option<int?>("--server-port") { Description = "with --server-command: the port it listens on", HelpName = "port" };
        var quiet = new Option<bool>("--quiet") { Description = "Log only warnings (refusals, lost coordinators), not every accepted command" };

        var command = new Command("agent", "Run as a load or server agent of a distributed run: a coordinator (load/bench --cluster) holding the same secret sends it commands.");
        foreach (var option in new Option[] { role, bind, port, seed, secretFile, serverCommand, serverPort, quiet })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(r =>
        {
            bool hasCommand = r.GetResult(serverCommand) is not null;
            if (hasCommand != (r.GetResult(serverPort) is not null))
            {
                r.AddError("--server-command and --server-port go together: the command and the port it listens on");
            }

            if (hasCommand && r.GetValue(role) != AgentIdentity.ServerRole)
            {
                r.AddError("--server-command is for --role server");
            }

            if (r.GetValue(port) is < 1 or > 65535)
            {
                r.AddError($"--port {r.GetValue(port)}: must be between 1 and 65535");
            }
        });

        command.SetAction((result, cancellation) => RunAsync(
            result.GetValue(role)!,
            result.GetValue(bind)!,
            result.GetValue(port),
            result.GetValue(seed),
            result.GetValue(secretFile),
            result.GetValue(serverCommand) is { } text ? new ExternalCommand(text.Split(' ', StringSplitOptions.RemoveEmptyEntries), result.GetValue(serverPort)!.Value) : null,
            !result.GetValue(quiet),
            result.InvocationConfiguration,
            cancellation));
        return command;
    }

    private static IPAddress? Fail(System.CommandLine.Parsing.ArgumentResult r)
    {
        r.AddError($"--bind '{(r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty)}': not an IP address (e.g. 127.0.0.1, 10.0.0.2)");
        return null;
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
