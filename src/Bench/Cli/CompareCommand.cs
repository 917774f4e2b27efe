using System.CommandLine;
using KEchoBench.Bench.Comparison;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// <c>kechobench compare BASE CURRENT</c>: the regression check CI gates on. Exit 0 without
/// regression, 1 with at least one metric slower beyond the threshold, 2 on bad usage.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var basePath = new Argument<string>("BASE")
        {
            Description = "Results folder (with run.json), run.json file, or BenchmarkDotNet *-report-full.json of the reference run; "
                + "several separated by commas are pooled (runs of base and head made alternately)",
        };
        var currentPath = new Argument<string>("CURRENT")
        {
            Description = "Results folder or file of the run under test (e.g. results/latest); several separated by commas are pooled",
        };
        var options = new CompareOptionSet();

        var command = new Command(
            "compare",
            "Compare two benchmark runs case by case (Mann–Whitney U with a threshold, on per-iteration samples). "
            + "Exit 0: no regression; 1: at least one metric slower beyond the threshold; 2: bad usage. See docs/ci.md.");
        command.Arguments.Add(basePath);
        command.Arguments.Add(currentPath);
        options.AddTo(command);
        command.SetAction(result => Run(
            result.GetValue(basePath)!,
            result.GetValue(currentPath)!,
            options.Read(result),
            result.GetValue(options.Markdown),
            result.InvocationConfiguration));
        return command;
    }

    /// <summary>
    /// Compares, prints the table, writes the Markdown file if asked, and returns the exit code:
    /// what <c>compare</c> does, callable from <c>bench --baseline DIR</c> after a run.
    /// </summary>
    public static int Run(string basePath, string currentPath, ComparisonSettings settings, string? markdownFile, InvocationConfiguration io)
    {
        ComparisonReport report;
        try
        {
            report = ComparisonRunner.Run(basePath, currentPath, settings);
        }
        catch (ComparisonInputException e)
        {
            io.Error.WriteLine("kechobench compare: " + e.Message);
            return ExitCodes.Usage;
        }

        ComparisonConsoleRenderer.Write(report, io.Output);
        if (markdownFile is not null)
        {
            try
            {
                ComparisonMarkdownRenderer.Write(report, markdownFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                io.Error.WriteLine($"kechobench compare: --markdown '{markdownFile}': cannot write the file: {e.Message}");
                return ExitCodes.Usage;
            }
        }

        bool capacityRegression = false;
        foreach (var capacity in CapacityComparisons(basePath, currentPath, settings.ThresholdPercent))
        {
            io.Output.WriteLine(capacity.Text);
            capacityRegression |= capacity.Regression;
        }

        return report.HasRegression || capacityRegression ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>The maximum sustainable rates both runs measured (capacity profile), compared; none when either input has no run.json capacity section.</summary>
    private static IReadOnlyList<Capacity.CapacityComparison> CapacityComparisons(string basePath, string currentPath, double thresholdPercent)
    {
        try
        {
            return Capacity.CapacityComparison.Of(Results.RunResultStore.Read(basePath).Capacity, Results.RunResultStore.Read(currentPath).Capacity, thresholdPercent);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return []; // BenchmarkDotNet exports without a run.json: nothing to compare here
        }
    }
}
