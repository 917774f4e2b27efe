using System.CommandLine;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// The <c>kechobench</c> command tree. Each command lives in its own file and is added here with
/// one line. Parse errors exit with <see cref="ExitCodes.Usage"/> and a message naming the option.
/// </summary>
internal static class CommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "KEchoBench: how do server concurrency models behave under load? Echo-server engines, a load generator, benchmarks, reports and a regression check.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(EnginesCommand.Create());
        root.Subcommands.Add(LoadCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(AbCommand.Create());
        root.Subcommands.Add(AgentCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var root = Build();
        ParseResult result;
        IReadOnlyList<string> errors;
        try
        {
            result = root.Parse(args);
            errors = [.. result.Errors.Select(e => Unconverted(e.Message))];
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith(UnconvertedValue, StringComparison.Ordinal))
        {
            // A validator read an option whose text did not convert ('--clients x'): System.CommandLine
            // runs validators after a failed conversion, and reading the value throws. The conversion
            // error is the one to show.
            string? named = args.FirstOrDefault(a => root.Subcommands.Any(c => c.Name == a));
            return await UsageAsync(error, [Unconverted(e.Message)], named).ConfigureAwait(false);
        }

        // Values that did not convert are shown alone: a command's own rules read the other options,
        // and with one value not converted they can read defaults that were not given ('--port 0').
        var shown = Unconverted(result) is { Count: > 0 } unconverted ? unconverted : errors;
        if (shown.Count > 0)
        {
            string command = result.CommandResult.Command.Name;
            return await UsageAsync(error, shown, command == root.Name ? null : command).ConfigureAwait(false);
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await result.InvokeAsync(configuration).ConfigureAwait(false);
    }

    /// <summary>How System.CommandLine's message for a value that did not convert to the option's type begins.</summary>
    private const string UnconvertedValue = "Cannot parse argument";

    /// <summary>"Cannot parse argument 'x' for option '--clients' as expected type 'System.Int32'." in the user's words: "--clients 'x': not a whole number".</summary>
    internal static string Unconverted(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, @"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'");
        if (!match.Success)
        {
            return message;
        }

        string type = match.Groups["type"].Value;
        string expected = type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) ? "a whole number"
            : type.Contains("Double", StringComparison.Ordinal) ? "a number"
            : $"a value of type {type}";
        return $"{match.Groups["option"].Value} '{match.Groups["value"].Value}': not {expected}";
    }

    /// <summary>The options given a value that does not convert to their type, each in the user's words.</summary>
    private static List<string> Unconverted(ParseResult result)
    {
        var messages = new List<string>();
        foreach (var option in result.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>().Where(o => !o.Implicit))
        {
            try
            {
                _ = option.GetValueOrDefault<object?>();
            }
            catch (InvalidOperationException e)
            {
                // A custom parser's refusal is among the parse errors already, in its own words.
                if (e.Message.StartsWith(UnconvertedValue, StringComparison.Ordinal))
                {
                    messages.Add(Unconverted(e.Message));
                }
            }
        }

        return messages;
    }

    private static async Task<int> UsageAsync(TextWriter error, IReadOnlyList<string> messages, string? command)
    {
        foreach (string message in messages)
        {
            await error.WriteLineAsync("kechobench: " + message).ConfigureAwait(false);
        }

        await error.WriteLineAsync($"Run 'kechobench {(command is null ? string.Empty : command + " ")}--help' for usage.").ConfigureAwait(false);
        return ExitCodes.Usage;
    }
}
