using System.CommandLine;
using KEchoBench.Bench.Capacity;
using KEchoBench.Bench.Gate;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Engines;
using static KEchoBench.Bench.Cli.AbCommand;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// <c>ab</c>'s options and the rules on them; <see cref="AbCommand"/> turns them into the gate's settings and runs it.
/// </summary>
internal sealed class AbOptionSet
{
    public Option<string> BaseServer { get; } = new("--base-server")
    {
        Description = "The base build's kechobench, its kechobench.dll, or an executable that takes 'serve --engine ENGINE --port 0' and prints 'listening on ADDR:PORT ...'",
        HelpName = "path",
        Required = true,
    };

    public Option<string[]> Engines { get; } = new("--engines", "-e")
    {
        Description = $"Engines to gate, comma-separated: {string.Join(", ", EngineRegistry.Names)}",
        HelpName = "engines",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [.. AbSettings.DefaultEngines],
    };

    public Option<int> Clients { get; } = new("--clients", "-c") { Description = "Connections of the closed and the open loop", DefaultValueFactory = _ => AbSettings.DefaultClients };

    public Option<int> Requests { get; } = new("--requests", "-n") { Description = "Requests per connection in each closed-loop round", DefaultValueFactory = _ => AbSettings.DefaultRequests };

    public Option<TimeSpan?> RateRound { get; } = new("--rate-round") { Description = "Length of each open-loop round (default 400ms)", HelpName = "duration", CustomParser = r => DurationOption.Parse(r) };

    public Option<int> Pairs { get; } = new("--pairs") { Description = "Round pairs per case before the first decision", DefaultValueFactory = _ => AbSettings.DefaultMinPairs };

    public Option<int> MaxPairs { get; } = new("--max-pairs") { Description = "Round pairs per case at most (more are run while a metric is undecided)", DefaultValueFactory = _ => AbSettings.DefaultMaxPairs };

    public Option<int> PerRestart { get; } = new("--pairs-per-restart") { Description = "Round pairs between two restarts of both servers", DefaultValueFactory = _ => AbSettings.DefaultPairsPerRestart };

    public Option<double> Margin { get; } = new("--margin") { Description = "Equivalence margin in percent: smaller slowdowns count as same (p99 uses twice it, involuntary switches four times)", HelpName = "percent", DefaultValueFactory = _ => AbSettings.DefaultMarginPercent };

    public Option<double> Alpha { get; } = new("--alpha") { Description = "Significance level of each one-sided signed-rank test (the interval is 1 - 2 alpha)", HelpName = "p", DefaultValueFactory = _ => AbSettings.DefaultAlpha };

    public Option<int?> Seed { get; } = new("--seed") { Description = "Seed of the AB/BA order and the bootstrap (default: drawn, and printed)" };

    public Option<WorkModel?> Inject { get; } = new("--inject-work")
    {
        Description = "Work the head's server does on every chunk, to check the gate sees it: " + WorkModel.Syntax,
        HelpName = "work",
        CustomParser = WorkOption.Parse,
    };

    public Option<bool> NoPin { get; } = new("--no-pin") { Description = "Do not pin the load generator and the servers to separate CPUs" };

    public Option<bool> Capacity { get; } = new("--capacity")
    {
        Description = "After each engine's paired rounds, compare the two builds' maximum sustainable rate: interleaved capacity searches "
            + "(a server started for each), slower when the head's median is more than the margin below the base's and every head search below every base search",
    };

    public Option<int> CapacitySearches { get; } = new("--capacity-searches") { Description = "Capacity searches a side with --capacity", DefaultValueFactory = _ => AbSettings.DefaultCapacitySearches };

    public Option<int> CapacityConnections { get; } = new("--capacity-connections") { Description = "Connections of the capacity searches with --capacity", DefaultValueFactory = _ => AbSettings.DefaultCapacityConnections };

    public Option<string?> Json { get; } = new("--output", "-o") { Description = "Write every pair and decision, the seed and the placement to this JSON file", HelpName = "file" };

    public AbOptionSet()
    {
        OptionRules.Range(Clients, 1, int.MaxValue);
        OptionRules.Range(Requests, 1, int.MaxValue);
        OptionRules.Range(Pairs, 6, int.MaxValue, "fewer cannot reach p < 0.05 in the signed-rank test");
        OptionRules.Range(MaxPairs, 6, int.MaxValue);
        OptionRules.Range(PerRestart, 2, int.MaxValue, "one AB and one BA");
        OptionRules.Range(CapacitySearches, AbSettings.MinCapacitySearches, int.MaxValue, "fewer a side cannot separate two builds at p = 0.05");
        OptionRules.Range(CapacityConnections, 1, int.MaxValue);
        OptionRules.WritableFile(Json);
    }

    /// <summary>Adds the options in the order help lists them, and the rule that every engine is known.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { BaseServer, Engines, Clients, Requests, RateRound, Pairs, MaxPairs, PerRestart, Margin, Alpha, Seed, Inject, NoPin, Capacity, CapacitySearches, CapacityConnections, Json })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            foreach (string engine in Split(result.GetValue(Engines) ?? []))
            {
                if (!EngineRegistry.TryGet(engine, out _))
                {
                    result.AddError($"--engines '{engine}': unknown engine; allowed: {string.Join(", ", EngineRegistry.Names)}");
                }
            }
        });
    }

    /// <summary>The gate's settings from the parsed options, against the base build's server.</summary>
    public AbSettings Settings(ParseResult parseResult, BaseServer server)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return new AbSettings
        {
            Base = server,
            Engines = Split(parseResult.GetValue(Engines) ?? []),
            Clients = parseResult.GetValue(Clients),
            Requests = parseResult.GetValue(Requests),
            RateRound = parseResult.GetValue(RateRound) ?? TimeSpan.FromMilliseconds(400),
            MinPairs = parseResult.GetValue(Pairs),
            MaxPairs = parseResult.GetValue(MaxPairs),
            PairsPerRestart = parseResult.GetValue(PerRestart),
            MarginPercent = parseResult.GetValue(Margin),
            Alpha = parseResult.GetValue(Alpha),
            Seed = parseResult.GetValue(Seed) ?? Random.Shared.Next(),
            InjectedWork = parseResult.GetValue(Inject) ?? WorkModel.None,
            Pin = !parseResult.GetValue(NoPin),
            Capacity = parseResult.GetValue(Capacity)
                ? new CapacitySettings { Repeats = parseResult.GetValue(CapacitySearches), Connections = [parseResult.GetValue(CapacityConnections)] }
                : null,
        };
    }
}
