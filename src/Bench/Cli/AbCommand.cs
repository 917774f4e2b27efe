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
        var options = new AbOptionSet();
        var command = new Command(
            "ab",
            "Paired A/B regression gate: the base build's server and this build's, run side by side and loaded in turn in randomised AB/BA pairs; "
            + "Wilcoxon signed-rank test and bootstrap interval per metric. Exit 0: same (or undecided); 1: slower; 2: bad usage. See docs/ci.md.");
        options.AddTo(command);
        command.SetAction((parseResult, cancellation) => RunAsync(parseResult, options, cancellation));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, AbOptionSet options, CancellationToken cancellation)
    {
        var io = parseResult.InvocationConfiguration;
        if (!BaseServer.TryParse(parseResult.GetValue(options.BaseServer), out var server, out string error))
        {
            await io.Error.WriteLineAsync("kechobench ab: " + error).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var settings = options.Settings(parseResult, server!);
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
            var run = await AbRunner.RunAsync(settings, parseResult.GetValue(options.Json), io.Output, interrupt.Token).ConfigureAwait(false);
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
    }

    internal static string[] Split(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
}
