using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Cli.LoadOutput;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// <c>kechobench load</c>: drives any TCP echo server (ours, a native one, the kecho module) in
/// one of three experiments, checks every echoed byte, and reports latency percentiles, errors by
/// kind and CPU. Exit 0: clean run; 1: errors occurred; 2: bad usage or the target is unreachable.
/// </summary>
internal static class LoadCommand
{
    private const string Modes = "closed, burst, rate";
    private const string Payloads = "pattern, telnet";

    public static Command Create()
    {
        var mode = new Option<LoadMode?>("--mode", "-m")
        {
            Description = $"Experiment: {Modes} (default closed: clients × requests; burst: kecho bench.c; rate: open loop, wrk2 style)",
            HelpName = "closed|burst|rate",
            CustomParser = r => ParseChoice(r, "--mode", Modes, LoadMode.Closed),
        };
        var host = new Option<IPAddress>("--host")
        {
            Description = "Server address",
            DefaultValueFactory = _ => IPAddress.Loopback,
            CustomParser = ParseHost,
        };
        var port = new Option<int>("--port", "-p") { Description = "Server port", DefaultValueFactory = _ => 12345 };
        var clients = new Option<int>("--clients", "-c") { Description = "Connections", DefaultValueFactory = _ => 10 };
        var requests = new Option<int>("--requests", "-n") { Description = "Messages per connection per round (closed, rate)", DefaultValueFactory = _ => 1000 };
        var duration = new Option<TimeSpan?>("--duration", "-d") { Description = "Run each round this long instead of --requests (e.g. 10s)", HelpName = "duration", CustomParser = r => DurationOption.Parse(r) };
        var keepOpen = new Option<bool>("--keep-open")
        {
            Description = "closed: keep every connection open across rounds (long-lived sessions); by default each client connects in the round and hangs up after its last echo",
        };
        var pipeline = new Option<int>("--pipeline") { Description = "Messages in flight per connection", DefaultValueFactory = _ => 1 };
        var size = new Option<int>("--size", "-s") { Description = "Message size in bytes (pattern payload)", DefaultValueFactory = _ => LoadSettings.DefaultSize };
        var payload = new Option<PayloadKind?>("--payload")
        {
            Description = $"Message contents: {Payloads} (default pattern: a byte stream unique to each connection; telnet: 'Telnet No.<client>,Write No<i>\\n' lines)",
            HelpName = "pattern|telnet",
            CustomParser = r => ParseChoice(r, "--payload", Payloads, PayloadKind.Pattern),
        };
        var rate = new Option<double>("--rate", "-r") { Description = "rate mode: target requests/s over all connections" };
        var rounds = new Option<int?>("--rounds") { Description = "Measured rounds (default: 10 for burst, 1 otherwise)" };
        var timeout = new Option<TimeSpan?>("--timeout")
        {
            Description = "How long an echo or a connect may take before it counts as a timeout (default 10s)",
            HelpName = "duration",
            CustomParser = r => DurationOption.Parse(r),
        };
        var warmup = new Option<WarmupSpec?>("--warmup")
        {
            Description = "Unmeasured warm-up: a duration (2s) or a count (requests per connection; burst: rounds); 0 for none (default 1s, so that our own JIT is warm before measuring)",
            HelpName = "duration|count",
            CustomParser = ParseWarmup,
        };
        var threads = new Option<int>("--threads", "-t") { Description = "Generator event-loop threads", DefaultValueFactory = _ => 1 };
        var json = new Option<FileInfo?>("--json") { HelpName = "file", Description = "Write every figure, the settings and the environment to this JSON file" };
        var hlog = new Option<FileInfo?>("--hlog") { HelpName = "file", Description = "Write the latency histograms as an HdrHistogram log (values in ns)" };
        var benchTxt = new Option<FileInfo?>("--bench-txt") { HelpName = "file", Description = "burst: write kecho's 'index time_us' per-connection averages" };
        var noAttribution = new Option<bool>("--no-attribution")
        {
            Description = "Do not read where each round's time went (threads' run-queue wait, context switches, TCP counters from /proc)",
        };
        var serverPid = new Option<int?>("--server-pid") { HelpName = "pid", Description = "The server's process id: report its CPU, threads and RSS" };
        var spawn = new Option<string?>("--spawn")
        {
            HelpName = "engine",
            Description = "Start 'kechobench serve --engine ENGINE' on an ephemeral port (with the serve options given here), load it, stop it",
        };
        var placement = PlacementOption.Create("with --spawn: ");
        OptionRules.Range(port, 1, 65535);
        OptionRules.Range(clients, 1, int.MaxValue);
        OptionRules.Range(requests, 1, int.MaxValue);
        OptionRules.Range(pipeline, 1, 1024);
        OptionRules.Range(size, 1, LoadSettings.MaxSize);
        OptionRules.Range(rounds, 1, int.MaxValue);
        OptionRules.Range(threads, 1, 256);
        rate.Validators.Add(r =>
        {
            double value = r.GetValueOrDefault<double>();
            if (!(value >= 0 && double.IsFinite(value)))
            {
                r.AddError($"--rate {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}: must be a finite number of requests/s, at least 0");
            }
        });
        OptionRules.WritableFile(json);
        OptionRules.WritableFile(hlog);
        OptionRules.WritableFile(benchTxt);
        var cluster = new Option<string?>("--cluster")
        {
            HelpName = "host:port",
            Description = "Run the load on the load agents of this cluster (an agent's address; see 'kechobench agent'); with --spawn the server runs on its server agent",
        };
        var secretFile = new Option<FileInfo?>("--secret-file")
        {
            HelpName = "file",
            Description = "with --cluster: the cluster's shared secret (default: the KECHOBENCH_SECRET environment variable)",
        };
        var engineOptions = new EngineOptionSet();
        Option[] serveOptions = [engineOptions.Backlog, engineOptions.Workers, engineOptions.QueueCapacity, engineOptions.MaxActive, engineOptions.MaxConnections, engineOptions.BufferSize, engineOptions.Work, engineOptions.SqPoll];

        serverPid.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is { } pid && (pid < 1 || !Directory.Exists($"/proc/{pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}")))
            {
                r.AddError(pid < 1 ? $"--server-pid {pid}: must be a process id (at least 1)" : $"--server-pid {pid}: no such process");
            }
        });
        spawn.Validators.Add(r =>
        {
            string? name = r.GetValueOrDefault<string?>();
            if (name is null || !KEchoBench.Servers.Engines.EngineRegistry.TryGet(name, out _))
            {
                r.AddError($"--spawn '{name}': unknown engine; allowed: {string.Join(", ", KEchoBench.Servers.Engines.EngineRegistry.Names)}");
            }
        });

        var command = new Command("load", "Drive a TCP echo server with load and check every echoed byte (closed loop, kecho burst, or open loop at a fixed rate).");
        foreach (var option in new Option[] { mode, host, port, clients, requests, duration, keepOpen, pipeline, size, payload, rate, rounds, timeout, warmup, threads, json, hlog, benchTxt, serverPid, spawn, placement, noAttribution, cluster, secretFile })
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
            if (r.GetResult(spawn) is not null && (r.GetResult(port) is { Implicit: false } || r.GetResult(host) is { Implicit: false }))
            {
                r.AddError("--spawn starts its own server on an ephemeral port: leave out --host and --port");
            }

            if (r.GetResult(cluster) is not null && r.GetResult(serverPid) is not null)
            {
                r.AddError("--server-pid names a process on this host; with --cluster the server agent reads the server's figures (use --spawn)");
            }

            if (r.GetResult(cluster) is null && r.GetResult(secretFile) is not null)
            {
                r.AddError("--secret-file is the cluster's secret: it goes with --cluster");
            }

            if (r.GetResult(spawn) is not null && r.GetResult(serverPid) is not null)
            {
                r.AddError("--spawn already knows the server's process: leave out --server-pid");
            }

            if (r.GetResult(spawn) is null && r.GetResult(placement) is { Implicit: false })
            {
                r.AddError("--placement pins the server kechobench starts: add --spawn ENGINE (a server you run is yours to pin, e.g. with taskset)");
            }

            if (r.GetResult(cluster) is not null && r.GetResult(placement) is { Implicit: false })
            {
                r.AddError("--placement splits the cores of this host; with --cluster the server and the load run on the agents' hosts (pin an agent with taskset)");
            }
        });

        command.SetAction((result, cancellation) =>
        {
            var loadMode = result.GetValue(mode) ?? LoadMode.Closed;
            var warm = result.GetValue(warmup) ?? WarmupSpec.Default;
            var settings = new LoadSettings
            {
                Target = new IPEndPoint(result.GetValue(host)!, result.GetValue(port)),
                Mode = loadMode,
                Clients = result.GetValue(clients),
                Requests = result.GetValue(requests),
                Duration = result.GetValue(duration),
                KeepOpen = result.GetValue(keepOpen),
                Pipeline = result.GetValue(pipeline),
                Size = result.GetValue(size),
                Payload = result.GetValue(payload) ?? PayloadKind.Pattern,
                Rate = result.GetValue(rate),
                Rounds = result.GetValue(rounds) ?? (loadMode == LoadMode.Burst ? 10 : 1),
                Timeout = result.GetValue(timeout) ?? TimeSpan.FromSeconds(10),
                WarmupDuration = warm.Duration,
                WarmupCount = warm.Count,
                WarmupIsDefault = result.GetResult(warmup) is null,
                Threads = result.GetValue(threads),
                ServerPid = result.GetValue(serverPid),
                WatchThreads = !result.GetValue(noAttribution),
            };
            var spawnArguments = serveOptions.SelectMany(o => ExplicitTokens(result, o)).ToList();
            var outputs = new LoadOutputs(result.GetValue(json)?.FullName, result.GetValue(hlog)?.FullName, result.GetValue(benchTxt)?.FullName);
            if (result.GetValue(cluster) is { } seeds)
            {
                return DistributedLoadRunner.RunAsync(settings, seeds, result.GetValue(secretFile), result.GetValue(spawn), spawnArguments, outputs, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellation);
            }

            return LoadRunner.RunAsync(settings, result.GetValue(spawn), spawnArguments, result.GetValue(placement), outputs, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellation);
        });
        return command;
    }

    /// <summary>The tokens the user gave for <paramref name="option"/> (to pass on to the spawned server), none when it was left at its default.</summary>
    internal static IEnumerable<string> ExplicitTokens(ParseResult result, Option option)
    {
        var optionResult = result.GetResult(option);
        if (optionResult is null || optionResult.Implicit)
        {
            return [];
        }

        return [option.Name, .. optionResult.Tokens.Select(t => t.Value)];
    }

    private static T? ParseChoice<T>(ArgumentResult result, string name, string allowed, T fallback)
        where T : struct, Enum
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        result.AddError($"{name} '{text}': allowed values are {allowed}");
        return fallback;
    }

    private static IPAddress? ParseHost(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (text.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            return address;
        }

        result.AddError($"--host '{text}': not an IP address (e.g. 127.0.0.1, ::1, localhost)");
        return null;
    }

    private static WarmupSpec? ParseWarmup(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (WarmupSpec.TryParse(text, out var spec, out string error))
        {
            return spec;
        }

        result.AddError("--warmup " + error);
        return null;
    }
}
