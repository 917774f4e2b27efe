using System.CommandLine;
using KEchoBench.Bench.Comparison;
using KEchoBench.Bench.Benchmarks.Running;

namespace KEchoBench.Bench.Cli;

/// <summary>Compares the finished run with a baseline folder (kechobench compare); a regression makes bench exit 1.</summary>
internal sealed class CompareFinisher(string baseline, ComparisonSettings settings, string? markdownFile) : IRunFinisher
{
    public string Name => $"compare with {baseline}";

    public Task<int> FinishAsync(string resultsFolder, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var io = new InvocationConfiguration { Output = output, Error = error };
        string markdown = markdownFile ?? Path.Combine(resultsFolder, "compare.md");
        return Task.FromResult(CompareCommand.Run(baseline, resultsFolder, settings, markdown, io));
    }
}
