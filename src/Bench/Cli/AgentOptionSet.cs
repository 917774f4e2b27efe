using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;
using KEchoBench.Bench.Distributed;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// <c>agent</c>'s options and the rules between them; <see cref="AgentCommand"/> wires them to the
/// command and runs the agent.
/// </summary>
internal sealed class AgentOptionSet
{
    private const string Roles = "load, server";

    public Option<string> Role { get; } = new("--role")
    {
        Description = $"What this host does: {Roles}",
        Required = true,
        HelpName = "load|server",
    };

    public Option<IPAddress> Bind { get; } = new("--bind")
    {
        Description = "The address to listen on for the cluster (only this one; the server role's server listens here too)",
        DefaultValueFactory = _ => IPAddress.Loopback,
        CustomParser = r => IPAddress.TryParse(r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty, out var a) ? a : Fail(r),
    };

    public Option<int> Port { get; } = new("--port", "-p") { Description = "The cluster port", DefaultValueFactory = _ => ClusterConfig.DefaultPort };

    public Option<string?> Seed { get; } = new("--seed")
    {
        Description = "HOST:PORT of an agent already running, to join its cluster (default: this agent starts the cluster)",
        HelpName = "host:port",
    };

    public Option<FileInfo?> SecretFile { get; } = new("--secret-file")
    {
        Description = $"File holding the cluster's shared secret (default: the {ClusterSecret.EnvironmentVariable} environment variable)",
        HelpName = "file",
    };

    public Option<string?> ServerCommand { get; } = new("--server-command")
    {
        Description = "server role: the one external server this agent may start instead of kechobench serve (run as given, without a shell); needs --server-port",
        HelpName = "command",
    };

    public Option<int?> ServerPort { get; } = new("--server-port") { Description = "with --server-command: the port it listens on", HelpName = "port" };

    public Option<bool> Quiet { get; } = new("--quiet") { Description = "Log only warnings (refusals, lost coordinators), not every accepted command" };

    public AgentOptionSet()
    {
        Role.Validators.Add(r =>
        {
            string? value = r.GetValueOrDefault<string>();
            if (value is not (AgentIdentity.LoadRole or AgentIdentity.ServerRole))
            {
                r.AddError($"--role '{value}': allowed values are {Roles}");
            }
        });
    }

    /// <summary>Adds the options in the order help lists them, and the rules between them.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Role, Bind, Port, Seed, SecretFile, ServerCommand, ServerPort, Quiet })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(RefuseConflicts);
    }

    /// <summary>The one external server --server-command names, on --server-port; null without it.</summary>
    public ExternalCommand? External(ParseResult result) =>
        result.GetValue(ServerCommand) is { } text
            ? new ExternalCommand(text.Split(' ', StringSplitOptions.RemoveEmptyEntries), result.GetValue(ServerPort)!.Value)
            : null;

    /// <summary>--server-command with --server-port and --role server only; the port in range.</summary>
    private void RefuseConflicts(CommandResult r)
    {
        bool hasCommand = r.GetResult(ServerCommand) is not null;
        if (hasCommand != (r.GetResult(ServerPort) is not null))
        {
            r.AddError("--server-command and --server-port go together: the command and the port it listens on");
        }

        if (hasCommand && r.GetValue(Role) != AgentIdentity.ServerRole)
        {
            r.AddError("--server-command is for --role server");
        }

        if (r.GetValue(Port) is < 1 or > 65535)
        {
            r.AddError($"--port {r.GetValue(Port)}: must be between 1 and 65535");
        }
    }

    private static IPAddress? Fail(ArgumentResult r)
    {
        r.AddError($"--bind '{(r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty)}': not an IP address (e.g. 127.0.0.1, 10.0.0.2)");
        return null;
    }
}
