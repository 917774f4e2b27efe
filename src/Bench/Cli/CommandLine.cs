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
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var parseError in result.Errors)
            {
                await error.WriteLineAsync("kechobench: " + parseError.Message).ConfigureAwait(false);
            }

            string command = result.CommandResult.Command.Name;
            await error.WriteLineAsync($"Run 'kechobench {(command == root.Name ? string.Empty : command + " ")}--help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await result.InvokeAsync(configuration).ConfigureAwait(false);
    }
}
