using System.CommandLine;
using System.Globalization;
using KEchoBench.Bench.Gate;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Engines;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// <c>kechobench ab --base-server PATH</c>: the paired A/B regression gate. The base build's
/// server and this build's run side by side, loaded in turn in randomised AB/BA pairs, and each
/// metric is decided on the per-pair ratios. Exit 0: same (or undecided at the pair cap);
/// 1: slower, or a server that gave errors; 2: bad usage or a server that cannot be started. See docs/ci.md.
/// </summary>
internal static class AbCommand
{
    public static Command Create()
    {
        var baseServer = new Option<string>("--base-server")
        {
            Description = "The base build's kechobench, its kechobench.dll, or an executable that takes 'serve --engine ENGINE --port 0' and prints 'listening on ADDR:PORT ...'",
            HelpName = "path",
            Required = true,
        };
        var engines = new Option<string[]>("--engines", "-e")
        {
            Description = $"Engines to gate, comma-separated: {string.Join(", ", EngineRegistry.Names)}",
            HelpName = "engines",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [.. AbSettings.DefaultEngines],
        };
        var clients = new Option<int>("--clients", "-c") { Description = "Connections of the closed and the open loop", DefaultValueFactory = _ => AbSettings.DefaultClients };
        var requests = new Option<int>("--requests", "-n") { Description = "Requests per connection in each closed-loop round", DefaultValueFactory = _ => AbSettings.DefaultRequests };
        var rateRound = new Option<TimeSpan?>("--rate-round") { Description = "Length of each open-loop round (default 400ms)", HelpName = "duration", CustomParser = r => DurationOption.Parse(r) };
        var pairs = new Option<int>("--pairs") { Description = "Round pairs per case before the first decision", DefaultValueFactory = _ => AbSettings.DefaultMinPairs };
        var maxPairs = new Option<int>("--max-pairs") { Description = "Round pairs per case at most (more are run while a metric is undecided)", DefaultValueFactory = _ => AbSettings.DefaultMaxPairs };
        var perRestart = new Option<int>("--pairs-per-restart") { Description = "Round pairs between two restarts of both servers", DefaultValueFactory = _ => AbSettings.DefaultPairsPerRestart };
        var margin = new Option<double>("--margin") { Description = "Equivalence margin in percent: smaller slowdowns count as same (p99 uses twice it, involuntary switches four times)", HelpName = "percent", DefaultValueFactory = _ => AbSettings.DefaultMarginPercent };
        var alpha = new Option<double>("--alpha") { Description = "Significance level of each one-sided signed-rank test (the interval is 1 - 2 alpha)", HelpName = "p", DefaultValueFactory = _ => AbSettings.DefaultAlpha };
        var seed = new Option<int?>("--seed") { Description = "Seed of the AB/BA order and the bootstrap (default: drawn, and printed)" };
        var inject = new Option<WorkModel?>("--inject-work")
        {
            Description = "Work the head's server does on every chunk, to check the gate sees it: " + WorkModel.Syntax,
            HelpName = "work",
            CustomParser = WorkOption.Parse,
        };
        var noPin = new Option<bool>("--no-pin") { Description = "Do not pin the load generator and the servers to separate CPUs" };
        var json = new Option<string?>("--output", "-o") { Description = "Write every pair and decision, the seed and the placement to this JSON file", HelpName = "file" };

        OptionRules.Range(clients, 1, int.MaxValue);
        OptionRules.Range(requests, 1, int.MaxValue);
        OptionRules.Range(pairs, 6, int.MaxValue, "fewer cannot reach p < 0.05 in the signed-rank test");
        OptionRules.Range(maxPairs, 6, int.MaxValue);
        OptionRules.Range(perRestart, 2, int.MaxValue, "one AB and one BA");
        OptionRules.WritableFile(json);
        var command = new Command(
            "ab",
            "Paired A/B regression gate: the base build's server and this build's, run side by side and loaded in turn in randomised AB/BA pairs; "
            + "Wilcoxon signed-rank test and bootstrap interval per metric. Exit 0: same (or undecided); 1: slower; 2: bad usage. See docs/ci.md.");
        foreach (var option in new Option[] { baseServer, engines, clients, requests, rateRound, pairs, maxPairs, perRestart, margin, alpha, seed, inject, noPin, json })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            foreach (string engine in Split(result.GetValue(engines) ?? []))
            {
                if (!EngineRegistry.TryGet(engine, out _))
                {
                    result.AddError($"--engines '{engine}': unknown engine; allowed: {string.Join(", ", EngineRegistry.Names)}");
                }
            }
        });

        command.SetAction(async (parseResult, cancellation) =>
        {
            var io = parseResult.InvocationConfiguration;
            if (!BaseServer.TryParse(parseResult.GetValue(baseServer), out var server, out string error))
            {
                await io.Error.WriteLineAsync("kechobench ab: " + error).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var settings = new AbSettings
            {
                Base = server!,
                Engines = Split(parseResult.GetValue(engines) ?? []),
                Clients = parseResult.GetValue(clients),
                Requests = parseResult.GetValue(requests),
                RateRound = parseResult.GetValue(rateRound) ?? TimeSpan.FromMilliseconds(400),
                MinPairs = parseResult.GetValue(pairs),
                MaxPairs = parseResult.GetValue(maxPairs),
                PairsPerRestart = parseResult.GetValue(perRestart),
                MarginPercent = parseResult.GetValue(margin),
                Alpha = parseResult.GetValue(alpha),
                Seed = parseResult.GetValue(seed) ?? Random.Shared.Next(),
                InjectedWork = parseResult.GetValue(inject) ?? WorkModel.None,
                Pin = !parseResult.GetValue(noPin),
            };
            if (settings.Validate() is { Count: > 0 } problems)
            {
                foreach (string problem in problems)
                {
                    await io.Error.WriteLineAsync("kechobench ab: " + problem).ConfigureAwait(false);
                }

                return ExitCodes.Usage;
            }

            // Ctrl+C or SIGTERM (a CI job cancelled) ends the run: both servers are told to stop at
            // once (AbServer) and the run unwinds; a second signal terminates at once.
            using var interrupt = new SignalInterrupt(cancellation);
            try
            {
                var run = await AbRunner.RunAsync(settings, parseResult.GetValue(json), io.Output, interrupt.Token).ConfigureAwait(false);
                return run.Outcome == GateOutcome.Slower ? ExitCodes.Failure : ExitCodes.Success;
            }
            catch (Exception e) when (interrupt.IsCancellationRequested && e is OperationCanceledException or EchoErrorsException or InvalidOperationException or System.Net.Sockets.SocketException or IOException)
            {
                // Servers stopped under a running round fail it in any of these ways: it is the cancel.
                await io.Error.WriteLineAsync("kechobench ab: cancelled; no decision").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
            catch (EchoErrorsException e)
            {
                await io.Error.WriteLineAsync("kechobench ab: " + e.Message).ConfigureAwait(false);
                return ExitCodes.Failure;
            }
            catch (InvalidOperationException e)
            {
                await io.Error.WriteLineAsync("kechobench ab: " + e.Message).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static string[] Split(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
}
