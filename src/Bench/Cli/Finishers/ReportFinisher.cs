using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Benchmarks.Running;

namespace KEchoBench.Bench.Cli;

/// <summary>Writes the plots, report.html and the findings into the run's folder (kechobench report).</summary>
internal sealed class ReportFinisher : IRunFinisher
{
    public string Name => "report";

    public async Task<int> FinishAsync(string resultsFolder, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        try
        {
            var files = ReportWriter.Write(resultsFolder);
            string html = files.FirstOrDefault(f => f.EndsWith("report.html", StringComparison.Ordinal)) ?? resultsFolder;
            await output.WriteLineAsync($"report: {files.Count} files, open {html}").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"report: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }
}
