using System.CommandLine;
using System.CommandLine.Parsing;
using KEchoBench.Bench.Benchmarks.Profiles;
using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Benchmarks.Scenarios;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Engines;
using KEchoBench.Bench.Benchmarks.ServersUnderTest;
using KEchoBench.Bench.Processes;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// <c>kechobench bench</c>: the BenchmarkDotNet suite, engines × scenarios, into a results folder.
/// Arguments it does not know are BenchmarkDotNet's (--filter, --list flat, --exporters...).
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var options = new BenchOptionSet();
        var command = new Command("bench", "Run the BenchmarkDotNet suite: every engine under every scenario, latency, throughput and CPU, into results/<time>-<profile>/. Other arguments go to BenchmarkDotNet (--filter, --list flat, --exporters...).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        options.AddTo(command);
        command.SetAction((parseResult, cancellation) => RunAsync(parseResult, options, cancellation));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, BenchOptionSet options, CancellationToken cancellation)
    {
        var error = parseResult.InvocationConfiguration.Error;
        if (parseResult.GetValue(options.Cluster) is { } seeds
            && (Distributed.ClusterCoordinator.ParseSeeds(seeds, out string clusterProblem) is null
                || Distributed.ClusterSecret.Read(parseResult.GetValue(options.SecretFile), out clusterProblem) is null))
        {
            await error.WriteLineAsync("kechobench bench: " + clusterProblem).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var runner = new BenchRunner(parseResult.InvocationConfiguration.Output, error);
        return await runner.RunAsync(options.Request(parseResult), options.Finishers(parseResult), cancellation).ConfigureAwait(false);
    }

    internal static Capacity.ServiceLevelObjective? ParseObjective(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (Capacity.ServiceLevelObjective.TryParse(text, out var objective, out string error))
        {
            return objective;
        }

        result.AddError($"--slo {error}");
        return null;
    }

    internal static BenchProfile ParseProfile(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (BenchProfiles.TryGet(text, out var profile))
        {
            return profile;
        }

        result.AddError($"--profile '{text}': unknown profile; allowed: {string.Join(", ", BenchProfiles.Names)}");
        return BenchProfiles.Quick;
    }

    internal static Dictionary<string, string> ParseInjectedWork(ArgumentResult result)
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

    internal static string[] ParseScenarios(ArgumentResult result)
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

    internal static string[] ParseEngines(ArgumentResult result)
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
    internal static List<EngineTarget> Targets(IEnumerable<Token> tokens) =>
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

    internal static bool ProcessExists(int pid) => Directory.Exists($"/proc/{pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    internal static List<string> SplitTokens(IEnumerable<Token> tokens) =>
        [.. tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
