using System.CommandLine;
using System.CommandLine.Parsing;
using KEchoBench.Bench.Benchmarks.Profiles;
using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Benchmarks.Scenarios;
using KEchoBench.Bench.Processes;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Engines;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// <c>bench</c>'s options, the rules between them, and the <see cref="BenchRequest"/> they make;
/// <see cref="BenchCommand"/> wires them to the command and runs the request.
/// </summary>
internal sealed class BenchOptionSet
{
    public Option<BenchProfile> Profile { get; } = new("--profile")
    {
        Description = $"Run size: {string.Join(", ", BenchProfiles.Names)} (quick: every scenario but the kecho experiments, on every engine; ci: the regression gate, cpu only; full: every load point, 20 rounds each; kecho: the kecho study's bench.c burst and telnet clients × requests, as they were; capacity: each engine's maximum sustainable rate at 100 and 1000 connections and a scalability fit over clients 1–1000; measured durations in docs/benchmarks.md)",
        DefaultValueFactory = _ => BenchProfiles.Quick,
        CustomParser = ParseProfile,
    };

    // Lists are comma-separated (or the option repeated), never space-separated: a greedy
    // option would swallow the BenchmarkDotNet arguments that follow it.
    public Option<string[]> Scenarios { get; } = new("--scenarios")
    {
        Description = $"Scenarios to run, comma-separated: {string.Join(", ", ScenarioTypes.Names)} (default: the profile's own: {string.Join(", ", ScenarioTypes.DefaultNames)} for quick and full, cpu for ci, kecho-bench and kecho-telnet for kecho)",
        DefaultValueFactory = _ => [],
        CustomParser = ParseScenarios,
    };

    public Option<string[]> Engines { get; } = new("--engines")
    {
        Description = $"Engines, comma-separated: {string.Join(", ", EngineRegistry.Names)}, {EngineTarget.ExternalSyntax} for a server you run, with @PID its process so that its CPU, threads and memory are reported, or {NativeYardsticks.Syntax} for a native yardstick (see --yardsticks) (default: every built-in engine)",
        DefaultValueFactory = _ => [.. EngineRegistry.Names],
        CustomParser = ParseEngines,
    };

    public Option<bool> Yardsticks { get; } = new("--yardsticks")
    {
        Description = $"Also run the native C server of each engine's model ({NativeYardsticks.RelativeFolder}, built with make; {NativeYardsticks.FolderVariable} names another folder) as the engine {NativeYardsticks.Syntax} beside it, in the scenarios without per-request work",
    };

    public Option<int?> ServerPid { get; } = new("--server-pid")
    {
        Description = $"Process id of the one {EngineTarget.ExternalPrefix} engine's server, so that its CPU, threads and memory are reported beside the built-in engines'; with several external servers name each one's as {EngineTarget.ExternalSyntax}",
    };

    public Option<string> Results { get; } = new("--results")
    {
        Description = "Folder in which each run creates <yyyyMMdd-HHmmss>-<profile>/ and the 'latest' link",
        DefaultValueFactory = _ => "results",
    };

    public Option<string?> Baseline { get; } = new("--baseline")
    {
        Description = "Results folder to compare this run against when it is done (kechobench compare)",
    };

    public Option<Dictionary<string, string>> InjectWork { get; } = new("--inject-work")
    {
        Description = "Slow an engine down on purpose, to check that a regression check catches it: ENGINE=WORK, comma-separated (e.g. eventloop=cpu:10us). WORK (" + WorkModel.Syntax + ") runs on every chunk after the scenario's own; the case names stay the same and the run records the injection",
        DefaultValueFactory = _ => [],
        CustomParser = ParseInjectedWork,
    };

    public Option<bool> InProcess { get; } = new("--in-process")
    {
        Description = "Run the benchmark cases in this process (BenchmarkDotNet's in-process toolchain): no build, faster, for smoke tests; servers still run in their own processes (an installed tool always runs this way)",
    };

    public Option<PlacementMode> Placement { get; } = PlacementOption.Create();

    public Option<Capacity.ServiceLevelObjective?> Slo { get; } = new("--slo")
    {
        Description = $"Latency objective a capacity step must keep (--profile capacity): {Capacity.ServiceLevelObjective.Syntax}; default {Capacity.ServiceLevelObjective.Default}",
        CustomParser = ParseObjective,
    };

    /// <summary>The fewest whole searches per engine and connection count that a rate's interval may rest on.</summary>
    private const int MinCapacitySearches = 3;

    public Option<int?> CapacitySearches { get; } = new("--capacity-searches")
    {
        HelpName = "N",
        Description = "Whole capacity searches per engine and connection count (--profile capacity), at least 3; default 3. More searches narrow each rate's interval and make the run longer; they do not make runs an hour apart on a shared machine agree (docs/benchmarks.md)",
    };

    public Option<bool> NoAttribution { get; } = new("--no-attribution")
    {
        Description = "Do not read where each round's time went (the server's and the generator's threads from /proc, the server's runtime counters, TCP counters): the report then has no time breakdown; docs/methodology.md says what reading it costs",
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Stream BenchmarkDotNet's log instead of the progress display (the log is written to the results folder either way)",
    };

    public Option<string?> Cluster { get; } = new("--cluster")
    {
        HelpName = "host:port",
        Description = "Run every case's server on this cluster's server agent and its load on the load agents (see 'kechobench agent')",
    };

    public Option<FileInfo?> SecretFile { get; } = new("--secret-file")
    {
        HelpName = "file",
        Description = "with --cluster: the cluster's shared secret (default: the KECHOBENCH_SECRET environment variable)",
    };

    /// <summary>The comparison's settings for --baseline (not --metric: its -m alias is BenchmarkDotNet's).</summary>
    public CompareOptionSet Comparison { get; } = new();

    public BenchOptionSet()
    {
        ServerPid.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } pid && pid < 1)
            {
                result.AddError($"--server-pid {pid}: must be a process id (at least 1)");
            }
        });
        OptionRules.WritableFolder(Results);
        OptionRules.Range(CapacitySearches, MinCapacitySearches, 1_000, "the fewest whole searches a rate's interval rests on is 3");
        Baseline.Validators.Add(result =>
        {
            string? folder = result.GetValueOrDefault<string?>();
            if (folder is not null && !Directory.Exists(folder) && !File.Exists(folder))
            {
                result.AddError($"--baseline '{folder}': no such results folder");
            }
        });
    }

    /// <summary>Adds the options in the order help lists them, and the rules between them.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Option[] options =
        [
            Profile, Scenarios, Engines, Yardsticks, ServerPid, Results, Baseline, InjectWork, InProcess, Placement, Verbose, NoAttribution, Slo, CapacitySearches,
            Cluster, SecretFile, Comparison.Threshold, Comparison.Alpha, Comparison.Markdown,
        ];
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            ValidateServerPids(result);
            ValidateNativeServers(result);
            ValidatePlacement(result);
            ValidateInjection(result);
            ValidateCapacitySearches(result);
        });
    }

    /// <summary>The run the parsed options ask for (the BenchmarkDotNet arguments are the ones no option took).</summary>
    public BenchRequest Request(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var chosenProfile = parseResult.GetValue(Profile)!;
        string[] chosenScenarios = parseResult.GetValue(Scenarios) is { Length: > 0 } named ? named : [.. chosenProfile.Scenarios ?? ScenarioTypes.DefaultNames];
        return new BenchRequest
        {
            Profile = chosenProfile,
            Objective = parseResult.GetValue(Slo),
            CapacitySearches = parseResult.GetValue(CapacitySearches),
            Scenarios = chosenScenarios,
            Engines = WithYardsticks(parseResult.GetValue(Engines)!, parseResult.GetValue(Yardsticks)),
            ServerPids = ServerPids(Targets(parseResult.GetResult(Engines)?.Tokens ?? []), parseResult.GetValue(ServerPid)),
            Placement = parseResult.GetValue(Placement),
            Cluster = parseResult.GetValue(Cluster),
            SecretFile = parseResult.GetValue(SecretFile)?.FullName,
            InjectedWork = parseResult.GetValue(InjectWork)!,
            Attribution = !parseResult.GetValue(NoAttribution),
            ResultsRoot = parseResult.GetValue(Results)!,
            InProcess = parseResult.GetValue(InProcess),
            Verbose = parseResult.GetValue(Verbose),
            BenchmarkDotNetArguments = [.. parseResult.UnmatchedTokens],
        };
    }

    /// <summary>What runs after the cases: the comparison with --baseline, when given.</summary>
    public IReadOnlyList<IRunFinisher> Finishers(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var settings = new Comparison.ComparisonSettings { ThresholdPercent = parseResult.GetValue(Comparison.Threshold), Alpha = parseResult.GetValue(Comparison.Alpha) };
        return RunFinishers.Create(parseResult.GetValue(Baseline), settings, parseResult.GetValue(Comparison.Markdown));
    }

    /// <summary>--server-pid and ENGINE@PID name processes that exist, for exactly one external server each.</summary>
    private void ValidateServerPids(CommandResult result)
    {
        // Raw tokens, not values: a bad --engines value has its own error and no value to read.
        var externals = Targets(result.GetResult(Engines)?.Tokens ?? []).Where(t => t.IsExternal).ToList();
        string? pidText = result.GetResult(ServerPid)?.Tokens is [var first, ..] ? first.Value : null;
        if (int.TryParse(pidText, out int pid) && pid > 0)
        {
            if (externals.Count == 0)
            {
                result.AddError($"--server-pid {pid}: only meaningful with an {EngineTarget.ExternalPrefix}HOST:PORT engine (built-in engines are measured anyway)");
            }
            else if (externals.Count > 1)
            {
                result.AddError($"--server-pid {pid}: {externals.Count} external servers in --engines; name each one's process as {EngineTarget.ExternalSyntax} instead");
            }
            else if (externals[0].Pid is { } named)
            {
                result.AddError($"--server-pid {pid}: {externals[0].Name} already names its process ({named}); give it once");
            }
            else if (!ProcessExists(pid))
            {
                result.AddError($"--server-pid {pid}: no such process");
            }
        }

        foreach (var target in externals.Where(t => t.Pid is { } id && !ProcessExists(id)))
        {
            result.AddError($"--engines {target.Name}@{target.Pid}: no such process {target.Pid}");
        }
    }

    /// <summary>--yardsticks and native engines run here, never over --cluster, and only for engines that have one.</summary>
    private void ValidateNativeServers(CommandResult result)
    {
        if (result.GetResult(Cluster) is not null
            && (result.GetValue(Yardsticks) || Targets(result.GetResult(Engines)?.Tokens ?? []).Any(t => t.Native is not null)))
        {
            result.AddError($"--yardsticks and {NativeYardsticks.Syntax} run native servers on this host; with --cluster the servers run on the server agent");
        }

        if (result.GetValue(Yardsticks) && result.GetResult(Engines) is { Tokens.Count: > 0 } chosen
            && NativeYardsticks.For(SplitTokens(chosen.Tokens)).Count == 0)
        {
            result.AddError($"--yardsticks: none of --engines {string.Join(",", SplitTokens(chosen.Tokens))} has a native yardstick (these do: {string.Join(", ", EngineRegistry.All.Where(d => d.Yardstick is not null).Select(d => d.Name))})");
        }
    }

    /// <summary>--placement splits this host's cores: not with --cluster.</summary>
    private void ValidatePlacement(CommandResult result)
    {
        if (result.GetResult(Cluster) is not null && result.GetResult(Placement) is { Implicit: false })
        {
            result.AddError("--placement splits the cores of this host; with --cluster the servers and the load run on the agents' hosts (pin an agent with taskset)");
        }
    }

    /// <summary>
    /// --capacity-searches only for a profile that searches (its range is the option's own rule); and
    /// no capacity profile over --cluster: the searches start their servers and run their load on
    /// this host, and would have measured here what the user asked to measure on the agents.
    /// </summary>
    private void ValidateCapacitySearches(CommandResult result)
    {
        if (result.GetResult(Cluster) is not null && result.GetValue(Profile) is { Capacity: not null } searching)
        {
            result.AddError($"--cluster: --profile {searching.Name}'s capacity searches run their servers and load on this host only; run it without --cluster (the other profiles run over a cluster)");
        }

        if (result.GetResult(CapacitySearches) is not { Implicit: false } || result.GetValue(CapacitySearches) is not { } searches)
        {
            return;
        }

        if (searches >= MinCapacitySearches && result.GetValue(Profile) is { Capacity: null } profile)
        {
            result.AddError($"--capacity-searches: --profile {profile.Name} searches no capacity; only --profile capacity does");
        }
    }

    /// <summary>An injection into an engine that does not run would slow nothing and say it did.</summary>
    private void ValidateInjection(CommandResult result)
    {
        if (result.GetResult(InjectWork) is { Tokens.Count: > 0 } && result.GetResult(Engines) is { Tokens.Count: > 0 } engineResult)
        {
            var selected = SplitTokens(engineResult.Tokens).Select(e => e.ToLowerInvariant()).ToHashSet();
            foreach (string engine in result.GetValue(InjectWork)?.Keys ?? Enumerable.Empty<string>())
            {
                if (!selected.Contains(engine))
                {
                    result.AddError($"--inject-work {engine}=...: {engine} is not among --engines {string.Join(",", selected)}");
                }
            }
        }
    }

    private static Capacity.ServiceLevelObjective? ParseObjective(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (Capacity.ServiceLevelObjective.TryParse(text, out var objective, out string error))
        {
            return objective;
        }

        result.AddError($"--slo {error}");
        return null;
    }

    private static BenchProfile ParseProfile(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (BenchProfiles.TryGet(text, out var profile))
        {
            return profile;
        }

        result.AddError($"--profile '{text}': unknown profile; allowed: {string.Join(", ", BenchProfiles.Names)}");
        return BenchProfiles.Quick;
    }

    private static Dictionary<string, string> ParseInjectedWork(ArgumentResult result)
    {
        var injected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string item in SplitList(result))
        {
            int equals = item.IndexOf('=', StringComparison.Ordinal);
            string engine = equals < 0 ? item : item[..equals].Trim().ToLowerInvariant();
            if (equals < 0 || !EngineRegistry.Names.Contains(engine, StringComparer.Ordinal))
            {
                result.AddError($"--inject-work '{item}': expected ENGINE=WORK with ENGINE one of {string.Join(", ", EngineRegistry.Names)} (an external server's work is its own)");
                return injected;
            }

            if (!WorkModel.TryParse(item[(equals + 1)..], out var work, out string error) || work.IsNone)
            {
                result.AddError($"--inject-work '{item}': {(work.IsNone && error.Length == 0 ? "injecting no work slows nothing" : error)}");
                return injected;
            }

            if (!injected.TryAdd(engine, work.ToString()))
            {
                result.AddError($"--inject-work '{item}': {engine} is given twice; join the work with + instead (e.g. {engine}=cpu:5us+block:1ms)");
                return injected;
            }
        }

        return injected;
    }

    private static string[] ParseScenarios(ArgumentResult result)
    {
        var names = SplitList(result);
        var unknown = names.Where(n => ScenarioTypes.TypeOf(n) is null).ToList();
        if (unknown.Count > 0 || names.Count == 0)
        {
            result.AddError($"--scenarios '{string.Join(",", unknown)}': unknown scenario; allowed: {string.Join(", ", ScenarioTypes.Names)}");
            return [];
        }

        return [.. names.Select(n => n.ToLowerInvariant()).Distinct()];
    }

    private static string[] ParseEngines(ArgumentResult result)
    {
        var values = new List<string>();
        foreach (string text in SplitList(result))
        {
            if (!EngineTarget.TryParse(text, out var target, out string error))
            {
                result.AddError("--engines " + error);
                return [];
            }

            values.Add(target.Name);
        }

        if (values.Count == 0)
        {
            result.AddError($"--engines: give at least one of {string.Join(", ", EngineRegistry.Names)}, {EngineTarget.ExternalPrefix}HOST:PORT or {NativeYardsticks.Syntax}");
        }

        return [.. values.Distinct()];
    }

    /// <summary>The engines, then (with --yardsticks) the native yardstick of each one's model not already named.</summary>
    internal static string[] WithYardsticks(IReadOnlyList<string> engines, bool yardsticks) =>
        yardsticks ? [.. engines.Concat(NativeYardsticks.For(engines)).Distinct(StringComparer.Ordinal)] : [.. engines];

    private static List<string> SplitList(ArgumentResult result) => SplitTokens(result.Tokens);

    /// <summary>The targets among these tokens that parse (a bad one has its own error).</summary>
    private static List<EngineTarget> Targets(IEnumerable<Token> tokens) =>
        [.. SplitTokens(tokens).Select(t => EngineTarget.TryParse(t, out var target, out _) ? target : null).OfType<EngineTarget>()];

    /// <summary>Each external server's process: named with @PID, or --server-pid for the one external server.</summary>
    internal static Dictionary<string, int> ServerPids(IReadOnlyList<EngineTarget> targets, int? serverPid)
    {
        var pids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var target in targets.Where(t => t.IsExternal))
        {
            if ((target.Pid ?? serverPid) is { } pid)
            {
                pids[target.Name] = pid;
            }
        }

        return pids;
    }

    private static bool ProcessExists(int pid) => Directory.Exists($"/proc/{pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    private static List<string> SplitTokens(IEnumerable<Token> tokens) =>
        [.. tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
