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
    internal const string Modes = "closed, burst, rate";
    internal const string Payloads = "pattern, telnet";

    public static Command Create()
    {
        var options = new LoadOptionSet();
        var command = new Command("load", "Drive a TCP echo server with load and check every echoed byte (closed loop, kecho burst, or open loop at a fixed rate).");
        options.AddTo(command);
        command.SetAction((result, cancellation) =>
        {
            var settings = options.Settings(result);
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            return result.GetValue(options.Cluster) is { } seeds
                ? DistributedLoadRunner.RunAsync(settings, seeds, result.GetValue(options.SecretFile), result.GetValue(options.Spawn), options.SpawnArguments(result), options.Outputs(result), output, error, cancellation)
                : LoadRunner.RunAsync(settings, result.GetValue(options.Spawn), options.SpawnArguments(result), result.GetValue(options.Placement), options.Outputs(result), output, error, cancellation);
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

    internal static T? ParseChoice<T>(ArgumentResult result, string name, string allowed, T fallback)
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

    internal static IPAddress? ParseHost(ArgumentResult result)
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

    internal static WarmupSpec? ParseWarmup(ArgumentResult result)
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
