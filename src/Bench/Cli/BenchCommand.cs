using System.CommandLine;

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
}
