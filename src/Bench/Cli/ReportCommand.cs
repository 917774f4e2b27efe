using System.CommandLine;
using KEchoBench.Bench.Reports;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// <c>kechobench report [RESULTS_DIR]</c>: turns a results folder's <c>run.json</c> into plots (PNG and
/// SVG), <c>report.html</c> and <c>summary.md</c>, written into the same folder.
/// </summary>
internal static class ReportCommand
{
    public const string DefaultDirectory = "results/latest";

    public static Command Create()
    {
        var directory = new Argument<string>("RESULTS_DIR")
        {
            Description = $"A results folder written by 'kechobench bench' (holds run.json); default {DefaultDirectory}",
            DefaultValueFactory = _ => DefaultDirectory,
        };

        var command = new Command("report", "Write plots, report.html and summary.md for a results folder.");
        command.Arguments.Add(directory);
        command.SetAction(result => Run(result.GetValue(directory)!, result.InvocationConfiguration));
        return command;
    }

    private static int Run(string directory, InvocationConfiguration io)
    {
        if (!Directory.Exists(directory))
        {
            io.Error.WriteLine($"kechobench report: RESULTS_DIR '{directory}' does not exist: give a results folder written by 'kechobench bench' (default {DefaultDirectory}).");
            return ExitCodes.Usage;
        }

        // Said before any plot is drawn, rather than after the first file fails.
        if (WritablePath.Problem(directory, folder: true) is { } problem)
        {
            io.Error.WriteLine($"kechobench report: RESULTS_DIR '{directory}': cannot be written: {problem}");
            return ExitCodes.Usage;
        }

        IReadOnlyList<string> written;
        try
        {
            written = ReportWriter.Write(directory);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            io.Error.WriteLine($"kechobench report: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"kechobench report: cannot write the report into '{directory}': {e.Message}");
            return ExitCodes.Failure;
        }

        foreach (string file in written)
        {
            io.Output.WriteLine(Path.GetRelativePath(Environment.CurrentDirectory, file));
        }

        io.Output.WriteLine($"report: {Path.GetFullPath(Path.Combine(directory, HtmlReport.FileName))}");
        return ExitCodes.Success;
    }
}
