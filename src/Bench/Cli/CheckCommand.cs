using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using KEchoBench.Bench.Check;
using KEchoBench.Bench.Processes;
using KEchoBench.Servers.Engines;

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
        var defaults = new CheckSettings();
        var address = new Argument<IPEndPoint?>("address")
        {
            Description = "The server to check: PORT (on 127.0.0.1) or HOST:PORT ([::1]:PORT for IPv6)",
            HelpName = "[HOST:]PORT",
            Arity = ArgumentArity.ZeroOrOne,
            CustomParser = ParseAddress,
        };
        var spawn = new Option<string?>("--spawn")
        {
            HelpName = "engine",
            Description = "Start 'kechobench serve --engine ENGINE' on an ephemeral port and check it, including the checks that stop and restart it",
        };
        var only = new Option<string[]>("--only") { HelpName = "checks", Description = $"Run only these checks (comma-separated): {CheckCatalog.AllowedNames}" };
        var skip = new Option<string[]>("--skip") { HelpName = "checks", Description = "Leave out these checks (comma-separated)" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (for scripts) instead of the table" };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "Longest wait for any one answer (a connect, an echo, a close)",
            HelpName = "duration",
            DefaultValueFactory = _ => defaults.Timeout,
            CustomParser = r => DurationOption.Parse(r),
        };
        var maxLength = new Option<int>("--max-length") { Description = "echo, pipelined: message lengths 1..N bytes", DefaultValueFactory = _ => defaults.MaxLength };
        var largeSize = new Option<long>("--large-size") { HelpName = "bytes", Description = "large: bytes sent to the slow reader (e.g. 32MiB)", DefaultValueFactory = _ => defaults.LargeSize, CustomParser = ParseSize };
        var burst = new Option<int>("--burst") { Description = "burst: connections released at once (kecho bench.c: 1000)", DefaultValueFactory = _ => defaults.Burst };
        OptionRules.Range(maxLength, 1, int.MaxValue);
        OptionRules.Range(burst, 1, int.MaxValue);
        var engineOptions = new EngineOptionSet();
        Option[] serveOptions = [engineOptions.Backlog, engineOptions.Workers, engineOptions.QueueCapacity, engineOptions.MaxActive, engineOptions.MaxConnections, engineOptions.BufferSize, engineOptions.Work, engineOptions.SqPoll];

        spawn.Validators.Add(r =>
        {
            string? name = r.GetValueOrDefault<string?>();
            if (name is null || !EngineRegistry.TryGet(name, out _))
            {
                r.AddError($"--spawn '{name}': unknown engine; allowed: {string.Join(", ", EngineRegistry.Names)}");
            }
        });

        var command = new Command("check", "Hunt the kecho defects in any TCP echo server: exact echo, binary safety, telnet lines, slow readers, half-close, resets, bursts; with --spawn also stop, rebind and the descriptor limit.");
        command.Arguments.Add(address);
        foreach (var option in new Option[] { spawn, only, skip, json, timeout, maxLength, largeSize, burst })
        {
            command.Options.Add(option);
        }

        foreach (var option in serveOptions)
        {
            option.Description = "with --spawn: " + option.Description;
            command.Options.Add(option);
        }

        command.Validators.Add(r => engineOptions.RefuseOptionsNotTakenBy(r, r.GetValue(spawn), spawn.Name));
        command.Validators.Add(r =>
        {
            bool spawned = r.GetResult(spawn) is not null;
            bool addressed = r.GetResult(address) is { Tokens.Count: > 0 };
            if (spawned == addressed)
            {
                r.AddError(spawned
                    ? "--spawn starts its own server on an ephemeral port: leave out the address"
                    : "say which server to check: an address ([HOST:]PORT) or --spawn ENGINE");
            }

            if (!spawned && serveOptions.FirstOrDefault(o => r.GetResult(o) is { Implicit: false }) is { } serveOption)
            {
                r.AddError($"{serveOption.Name} configures the server that --spawn starts: add --spawn ENGINE or leave it out");
            }
        });

        command.SetAction((result, cancellation) =>
        {
            var settings = defaults with
            {
                Timeout = result.GetValue(timeout),
                MaxLength = result.GetValue(maxLength),
                LargeSize = result.GetValue(largeSize),
                Burst = result.GetValue(burst),
            };
            string? engine = result.GetValue(spawn);
            var spec = engine is null ? null : new SpawnSpec(engine, [.. serveOptions.SelectMany(o => LoadCommand.ExplicitTokens(result, o))]);
            return RunAsync(
                result.GetValue(address),
                spec,
                settings,
                Names(result.GetValue(only)),
                Names(result.GetValue(skip)),
                result.GetValue(json),
                result.InvocationConfiguration,
                cancellation);
        });
        return command;
    }

    private static async Task<int> RunAsync(IPEndPoint? address, SpawnSpec? spawn, CheckSettings settings, string[] only, string[] skip, bool json, InvocationConfiguration io, CancellationToken cancellation)
    {
        var problems = settings.Validate().ToList();
        var checks = CheckCatalog.Select(only, skip, out var unknown);
        problems.AddRange(unknown);
        if (problems.Count > 0)
        {
            foreach (string problem in problems)
            {
                await io.Error.WriteLineAsync("kechobench check: " + problem).ConfigureAwait(false);
            }

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
            if (!await CheckRunner.IsUpAsync(context, cancellation).ConfigureAwait(false))
            {
                await io.Error.WriteLineAsync($"kechobench check: no server accepts connections at {CheckText.EndPoint(context.Target)} — is it running?").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            if (!json)
            {
                await io.Output.WriteLineAsync($"kechobench check {(spawn is null ? CheckText.EndPoint(context.Target) : $"--spawn: {spawn.Describe()} (pid {server!.Pid}) on {CheckText.EndPoint(context.Target)}")}: {checks.Count} checks, each within its time limit").ConfigureAwait(false);
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
        finally
        {
            if (server is not null)
            {
                await server.StopAsync(ServerStopTimeout).ConfigureAwait(false);
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static string[] Names(string[]? values) =>
        values is null ? [] : [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    /// <summary>PORT, HOST:PORT, [IPv6]:PORT; localhost means 127.0.0.1.</summary>
    private static IPEndPoint? ParseAddress(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        string host = "127.0.0.1";
        string port = text;
        int colon = text.LastIndexOf(':');
        if (colon >= 0)
        {
            host = text[..colon].Trim('[', ']');
            port = text[(colon + 1)..];
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number is < 1 or > 65535)
        {
            result.AddError($"address '{text}': the port must be a number between 1 and 65535 ([HOST:]PORT, e.g. 12345 or 127.0.0.1:12345)");
            return null;
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            host = "127.0.0.1";
        }

        if (!IPAddress.TryParse(host, out var ip))
        {
            result.AddError($"address '{text}': '{host}' is not an IP address (e.g. 127.0.0.1, [::1], localhost)");
            return null;
        }

        return new IPEndPoint(ip, number);
    }

    /// <summary>Bytes, optionally with KiB or MiB (or K, M).</summary>
    private static long ParseSize(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        (string digits, long unit) = text switch
        {
            _ when text.EndsWith("MiB", StringComparison.OrdinalIgnoreCase) => (text[..^3], 1024L * 1024),
            _ when text.EndsWith("KiB", StringComparison.OrdinalIgnoreCase) => (text[..^3], 1024L),
            _ when text.EndsWith('M') || text.EndsWith('m') => (text[..^1], 1024L * 1024),
            _ when text.EndsWith('K') || text.EndsWith('k') => (text[..^1], 1024L),
            _ => (text, 1L),
        };
        if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value > 0 && value <= long.MaxValue / unit)
        {
            return value * unit;
        }

        string name = (result.Parent as OptionResult)?.Option.Name ?? "size";
        result.AddError($"{name} '{text}': not a size (bytes, or with KiB/MiB: 65536, 64KiB, 32MiB)");
        return 0;
    }
}
