using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using KEchoBench.Bench.Check;
using KEchoBench.Servers.Engines;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// <c>check</c>'s address, options and the rules between them, and the settings they make;
/// <see cref="CheckCommand"/> wires them to the command and runs the checks.
/// </summary>
internal sealed class CheckOptionSet
{
    private static readonly CheckSettings Defaults = new();

    public Argument<IPEndPoint?> Address { get; } = new("address")
    {
        Description = "The server to check: PORT (on 127.0.0.1) or HOST:PORT ([::1]:PORT for IPv6)",
        HelpName = "[HOST:]PORT",
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = ParseAddress,
    };

    public Option<string?> Spawn { get; } = new("--spawn")
    {
        HelpName = "engine",
        Description = "Start 'kechobench serve --engine ENGINE' on an ephemeral port and check it, including the checks that stop and restart it",
    };

    public Option<string[]> Only { get; } = new("--only") { HelpName = "checks", Description = $"Run only these checks (comma-separated): {CheckCatalog.AllowedNames}" };

    public Option<string[]> Skip { get; } = new("--skip") { HelpName = "checks", Description = "Leave out these checks (comma-separated)" };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the report as JSON (for scripts) instead of the table" };

    public Option<TimeSpan> Timeout { get; } = new("--timeout")
    {
        Description = "Longest wait for any one answer (a connect, an echo, a close)",
        HelpName = "duration",
        DefaultValueFactory = _ => Defaults.Timeout,
        CustomParser = r => DurationOption.Parse(r),
    };

    public Option<int> MaxLength { get; } = new("--max-length") { Description = "echo, pipelined: message lengths 1..N bytes", DefaultValueFactory = _ => Defaults.MaxLength };

    public Option<long> LargeSize { get; } = new("--large-size") { HelpName = "bytes", Description = "large: bytes sent to the slow reader (e.g. 32MiB)", DefaultValueFactory = _ => Defaults.LargeSize, CustomParser = ParseSize };

    public Option<int> Burst { get; } = new("--burst") { Description = "burst: connections released at once (kecho bench.c: 1000)", DefaultValueFactory = _ => Defaults.Burst };

    public EngineOptionSet Engine { get; } = new();

    /// <summary>The serve options passed on to the server --spawn starts.</summary>
    public Option[] ServeOptions => [Engine.Backlog, Engine.Workers, Engine.QueueCapacity, Engine.MaxActive, Engine.MaxConnections, Engine.BufferSize, Engine.Work, Engine.SqPoll];

    public CheckOptionSet()
    {
        OptionRules.Range(MaxLength, 1, int.MaxValue);
        OptionRules.Range(Burst, 1, int.MaxValue);
        Spawn.Validators.Add(r =>
        {
            string? name = r.GetValueOrDefault<string?>();
            if (name is null || !EngineRegistry.TryGet(name, out _))
            {
                r.AddError($"--spawn '{name}': unknown engine; allowed: {string.Join(", ", EngineRegistry.Names)}");
            }
        });
    }

    /// <summary>Adds the address and the options in the order help lists them (the serve options last, for --spawn), and the rules between them.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Arguments.Add(Address);
        foreach (var option in new Option[] { Spawn, Only, Skip, Json, Timeout, MaxLength, LargeSize, Burst })
        {
            command.Options.Add(option);
        }

        var serveOptions = ServeOptions;
        foreach (var option in serveOptions)
        {
            option.Description = "with --spawn: " + option.Description;
            command.Options.Add(option);
        }

        command.Validators.Add(r => Engine.RefuseOptionsNotTakenBy(r, r.GetValue(Spawn), Spawn.Name));
        command.Validators.Add(r => RefuseConflicts(r, serveOptions));
    }

    /// <summary>How big and how patient the checks are, from the parsed options.</summary>
    public CheckSettings Settings(ParseResult result) => Defaults with
    {
        Timeout = result.GetValue(Timeout),
        MaxLength = result.GetValue(MaxLength),
        LargeSize = result.GetValue(LargeSize),
        Burst = result.GetValue(Burst),
    };

    /// <summary>The server --spawn starts, with the serve options given; null without --spawn.</summary>
    public SpawnSpec? SpawnSpec(ParseResult result) =>
        result.GetValue(Spawn) is { } engine
            ? new SpawnSpec(engine, [.. ServeOptions.SelectMany(o => LoadCommand.ExplicitTokens(result, o))])
            : null;

    /// <summary>The check names of <paramref name="option"/> (--only, --skip), comma-separated or repeated.</summary>
    public static string[] Names(ParseResult result, Option<string[]> option)
    {
        ArgumentNullException.ThrowIfNull(result);
        string[]? values = result.GetValue(option);
        return values is null ? [] : [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
    }

    /// <summary>Either an address or --spawn; the serve options only with --spawn.</summary>
    private void RefuseConflicts(CommandResult r, Option[] serveOptions)
    {
        bool spawned = r.GetResult(Spawn) is not null;
        bool addressed = r.GetResult(Address) is { Tokens.Count: > 0 };
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
    }

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
