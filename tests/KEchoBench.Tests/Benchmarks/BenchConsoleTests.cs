using KEchoBench.Bench.Cli;
using KEchoBench.Bench.Benchmarks.Profiles;
using KEchoBench.Bench.Benchmarks.Running;
using Xunit;

namespace KEchoBench.Tests.Benchmarks;

/// <summary>
/// What bench prints when its output is not a terminal: one plain line per finished case, the
/// summary table and where things are, no escape codes; BenchmarkDotNet's log goes to its file,
/// and to the output only with --verbose.
/// </summary>
[Collection(BenchCollection.Name)]
public sealed class BenchConsoleTests : IDisposable
{
    // A line of BenchmarkDotNet's log that every run writes.
    private const string LogMarker = "// * Summary *";

    private readonly string _root = Directory.CreateTempSubdirectory("kechobench-console-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Redirected_output_has_one_plain_line_per_case_and_the_log_goes_to_the_results_folder()
    {
        var (code, output, folder) = await RunAsync(verbose: false);

        Assert.Equal(0, code);
        var caseLines = output.Split('\n').Where(l => l.StartsWith("case ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, caseLines.Count);
        Assert.StartsWith("case 1/2 clients engine=", caseLines[0], StringComparison.Ordinal);
        Assert.StartsWith("case 2/2 clients engine=", caseLines[1], StringComparison.Ordinal);
        Assert.All(caseLines, l => Assert.Contains(" 0 errors so far", l, StringComparison.Ordinal));
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain(LogMarker, output, StringComparison.Ordinal);

        // The summary table names both engines; the log file it points at holds BenchmarkDotNet's log.
        Assert.Contains("| thread ", output, StringComparison.Ordinal);
        Assert.Contains("| eventloop ", output, StringComparison.Ordinal);
        string log = Directory.GetFiles(Path.Combine(folder, BenchRunner.ExportsFolderName), "*.log").Single();
        Assert.Contains(log, output, StringComparison.Ordinal);
        Assert.Contains(LogMarker, await File.ReadAllTextAsync(log), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_streams_the_BenchmarkDotNet_log_instead_of_the_case_lines()
    {
        var (code, output, _) = await RunAsync(verbose: true);

        Assert.Equal(0, code);
        Assert.Contains(LogMarker, output, StringComparison.Ordinal);
        Assert.DoesNotContain("case 1/2", output, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output, string Folder)> RunAsync(bool verbose)
    {
        var request = new BenchRequest
        {
            Profile = BenchProfiles.Quick with { Name = "console", WarmupCount = 1, IterationCount = 2, ClientsSweep = [2], RequestsPerClient = 20 },
            Scenarios = ["clients"],
            Engines = ["thread", "eventloop"],
            ResultsRoot = Path.Combine(_root, verbose ? "verbose" : "plain"),
            InProcess = true,
            Verbose = verbose,
        };
        var output = new StringWriter();
        var error = new StringWriter();
        var runner = new BenchRunner(output, error);
        int code = await runner.RunAsync(request, [], CancellationToken.None);
        return (code, output.ToString() + error, runner.ResultsFolderPath!);
    }
}
