using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;
using KEchoBench.Bench.Cli.LoadOutput;
using KEchoBench.Bench.Load;
using static KEchoBench.Bench.Cli.LoadCommand;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// <c>load</c>'s options, the rules between them, and the <see cref="LoadSettings"/> they make;
/// <see cref="LoadCommand"/> wires them to the command and runs the load.
/// </summary>
internal sealed class LoadOptionSet
{
    public Option<LoadMode?> Mode { get; } = new("--mode", "-m")
    {
        Description = $"Experiment: {Modes} (default closed: clients × requests; burst: kecho bench.c; rate: open loop, wrk2 style)",
        HelpName = "closed|burst|rate",
        CustomParser = r => ParseChoice(r, "--mode", Modes, LoadMode.Closed),
    };

    public Option<IPAddress> Host { get; } = new("--host")
    {
        Description = "Server address",
        DefaultValueFactory = _ => IPAddress.Loopback,
        CustomParser = ParseHost,
    };

    public Option<int> Port { get; } = new("--port", "-p") { Description = "Server port", DefaultValueFactory = _ => 12345 };

    public Option<int> Clients { get; } = new("--clients", "-c") { Description = "Connections", DefaultValueFactory = _ => 10 };

    public Option<int> Requests { get; } = new("--requests", "-n") { Description = "Messages per connection per round (closed, rate)", DefaultValueFactory = _ => 1000 };

    public Option<TimeSpan?> Duration { get; } = new("--duration", "-d") { Description = "Run each round this long instead of --requests (e.g. 10s)", HelpName = "duration", CustomParser = r => DurationOption.Parse(r) };

    public Option<bool> KeepOpen { get; } = new("--keep-open")
    {
        Description = "closed: keep every connection open across rounds (long-lived sessions); by default each client connects in the round and hangs up after its last echo",
    };

    public Option<int> Pipeline { get; } = new("--pipeline") { Description = "Messages in flight per connection", DefaultValueFactory = _ => 1 };

    public Option<int> Size { get; } = new("--size", "-s") { Description = "Message size in bytes (pattern payload)", DefaultValueFactory = _ => LoadSettings.DefaultSize };

    public Option<PayloadKind?> Payload { get; } = new("--payload")
    {
        Description = $"Message contents: {Payloads} (default pattern: a byte stream unique to each connection; telnet: 'Telnet No.<client>,Write No<i>\\n' lines)",
        HelpName = "pattern|telnet",
        CustomParser = r => ParseChoice(r, "--payload", Payloads, PayloadKind.Pattern),
    };

    public Option<double> Rate { get; } = new("--rate", "-r") { Description = "rate mode: target requests/s over all connections" };

    public Option<int?> Rounds { get; } = new("--rounds") { Description = "Measured rounds (default: 10 for burst, 1 otherwise)" };

    public Option<TimeSpan?> Timeout { get; } = new("--timeout")
    {
        Description = "How long an echo or a connect may take before it counts as a timeout (default 10s)",
        HelpName = "duration",
        CustomParser = r => DurationOption.Parse(r),
    };

    public Option<WarmupSpec?> Warmup { get; } = new("--warmup")
    {
        Description = "Unmeasured warm-up: a duration (2s) or a count (requests per connection; burst: rounds); 0 for none (default 1s, so that our own JIT is warm before measuring)",
        HelpName = "duration|count",
        CustomParser = ParseWarmup,
    };

    public Option<int> Threads { get; } = new("--threads", "-t") { Description = "Generator event-loop threads", DefaultValueFactory = _ => 1 };

    public Option<FileInfo?> Json { get; } = new("--json") { HelpName = "file", Description = "Write every figure, the settings and the environment to this JSON file" };

    public Option<FileInfo?> Hlog { get; } = new("--hlog") { HelpName = "file", Description = "Write the latency histograms as an HdrHistogram log (values in ns)" };

    public Option<FileInfo?> BenchTxt { get; } = new("--bench-txt") { HelpName = "file", Description = "burst: write kecho's 'index time_us' per-connection averages" };

    public Option<bool> NoAttribution { get; } = new("--no-attribution")
    {
        Description = "Do not read where each round's time went (threads' run-queue wait, context switches, TCP counters from /proc)",
    };

    public Option<int?> ServerPid { get; } = new("--server-pid") { HelpName = "pid", Description = "The server's process id: report its CPU, threads and RSS" };

    public Option<string?> Spawn { get; } = new("--spawn")
    {
        HelpName = "engine",
        Description = "Start 'kechobench serve --engine ENGINE' on an ephemeral port (with the serve options given here), load it, stop it",
    };

    public Option<Processes.PlacementMode> Placement { get; } = PlacementOption.Create("with --spawn: ");

    public Option<string?> Cluster { get; } = new("--cluster")
    {
        HelpName = "host:port",
        Description = "Run the load on the load agents of this cluster (an agent's address; see 'kechobench agent'); with --spawn the server runs on its server agent",
    };

    public Option<FileInfo?> SecretFile { get; } = new("--secret-file")
    {
        HelpName = "file",
        Description = "with --cluster: the cluster's shared secret (default: the KECHOBENCH_SECRET environment variable)",
    };

    public EngineOptionSet Engine { get; } = new();

    /// <summary>The serve options passed on to the server --spawn starts.</summary>
    public Option[] ServeOptions => [Engine.Backlog, Engine.Workers, Engine.QueueCapacity, Engine.MaxActive, Engine.MaxConnections, Engine.BufferSize, Engine.Work, Engine.SqPoll];

    public LoadOptionSet()
    {
        OptionRules.Range(Port, 1, 65535);
        OptionRules.Range(Clients, 1, int.MaxValue);
        OptionRules.Range(Requests, 1, int.MaxValue);
        OptionRules.Range(Pipeline, 1, 1024);
        OptionRules.Range(Size, 1, LoadSettings.MaxSize);
        OptionRules.Range(Rounds, 1, int.MaxValue);
        OptionRules.Range(Threads, 1, 256);
        Rate.Validators.Add(r =>
        {
            double value = r.GetValueOrDefault<double>();
            if (!(value >= 0 && double.IsFinite(value)))
            {
                r.AddError($"--rate {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}: must be a finite number of requests/s, at least 0");
            }
        });
        OptionRules.WritableFile(Json);
        OptionRules.WritableFile(Hlog);
        OptionRules.WritableFile(BenchTxt);

        ServerPid.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is { } pid && (pid < 1 || !Directory.Exists($"/proc/{pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}")))
            {
                r.AddError(pid < 1 ? $"--server-pid {pid}: must be a process id (at least 1)" : $"--server-pid {pid}: no such process");
            }
        });
        Spawn.Validators.Add(r =>
        {
            string? name = r.GetValueOrDefault<string?>();
            if (name is null || !KEchoBench.Servers.Engines.EngineRegistry.TryGet(name, out _))
            {
                r.AddError($"--spawn '{name}': unknown engine; allowed: {string.Join(", ", KEchoBench.Servers.Engines.EngineRegistry.Names)}");
            }
        });
    }

    /// <summary>Adds the options in the order help lists them (the serve options last, for --spawn), and the rules between them.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Option[] options =
        [
            Mode, Host, Port, Clients, Requests, Duration, KeepOpen, Pipeline, Size, Payload, Rate, Rounds, Timeout, Warmup, Threads,
            Json, Hlog, BenchTxt, ServerPid, Spawn, Placement, NoAttribution, Cluster, SecretFile,
        ];
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        foreach (var option in ServeOptions)
        {
            option.Description = "with --spawn: " + option.Description;
            command.Options.Add(option);
        }

        command.Validators.Add(r => Engine.RefuseOptionsNotTakenBy(r, r.GetValue(Spawn), Spawn.Name));
        command.Validators.Add(RefuseConflicts);
    }

    /// <summary>The load the parsed options describe.</summary>
    public LoadSettings Settings(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var loadMode = result.GetValue(Mode) ?? LoadMode.Closed;
        var warm = result.GetValue(Warmup) ?? WarmupSpec.Default;
        return new LoadSettings
        {
            Target = new IPEndPoint(result.GetValue(Host)!, result.GetValue(Port)),
            Mode = loadMode,
            Clients = result.GetValue(Clients),
            Requests = result.GetValue(Requests),
            Duration = result.GetValue(Duration),
            KeepOpen = result.GetValue(KeepOpen),
            Pipeline = result.GetValue(Pipeline),
            Size = result.GetValue(Size),
            Payload = result.GetValue(Payload) ?? PayloadKind.Pattern,
            Rate = result.GetValue(Rate),
            Rounds = result.GetValue(Rounds) ?? (loadMode == LoadMode.Burst ? 10 : 1),
            Timeout = result.GetValue(Timeout) ?? TimeSpan.FromSeconds(10),
            WarmupDuration = warm.Duration,
            WarmupCount = warm.Count,
            WarmupIsDefault = result.GetResult(Warmup) is null,
            Threads = result.GetValue(Threads),
            ServerPid = result.GetValue(ServerPid),
            WatchThreads = !result.GetValue(NoAttribution),
        };
    }

    /// <summary>The serve options the user gave, to pass on to the server --spawn starts.</summary>
    public List<string> SpawnArguments(ParseResult result) => [.. ServeOptions.SelectMany(o => ExplicitTokens(result, o))];

    /// <summary>The files the figures go to.</summary>
    public LoadOutputs Outputs(ParseResult result) =>
        new(result.GetValue(Json)?.FullName, result.GetValue(Hlog)?.FullName, result.GetValue(BenchTxt)?.FullName);

    /// <summary>Options that contradict each other: --spawn with an address or a pid, --cluster with a local pid or placement, a secret without a cluster.</summary>
    private void RefuseConflicts(CommandResult r)
    {
        if (r.GetResult(Spawn) is not null && (r.GetResult(Port) is { Implicit: false } || r.GetResult(Host) is { Implicit: false }))
        {
            r.AddError("--spawn starts its own server on an ephemeral port: leave out --host and --port");
        }

        if (r.GetResult(Cluster) is not null && r.GetResult(ServerPid) is not null)
        {
            r.AddError("--server-pid names a process on this host; with --cluster the server agent reads the server's figures (use --spawn)");
        }

        if (r.GetResult(Cluster) is null && r.GetResult(SecretFile) is not null)
        {
            r.AddError("--secret-file is the cluster's secret: it goes with --cluster");
        }

        if (r.GetResult(Spawn) is not null && r.GetResult(ServerPid) is not null)
        {
            r.AddError("--spawn already knows the server's process: leave out --server-pid");
        }

        if (r.GetResult(Spawn) is null && r.GetResult(Placement) is { Implicit: false })
        {
            r.AddError("--placement pins the server kechobench starts: add --spawn ENGINE (a server you run is yours to pin, e.g. with taskset)");
        }

        if (r.GetResult(Cluster) is not null && r.GetResult(Placement) is { Implicit: false })
        {
            r.AddError("--placement splits the cores of this host; with --cluster the server and the load run on the agents' hosts (pin an agent with taskset)");
        }
    }
}
