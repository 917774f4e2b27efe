using KEchoBench.Bench.Cli;
using KEchoBench.Bench.Reports;
using Xunit;

namespace KEchoBench.Tests.Reports;

/// <summary><c>kechobench report</c>: exit 0 and the files it wrote on a good folder; exit 2 and a clear message on a bad one.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly List<string> directories = [];

    public void Dispose()
    {
        foreach (string d in directories.Where(Directory.Exists))
        {
            Directory.Delete(d, recursive: true);
        }
    }

    private string NewDirectory()
    {
        string d = Path.Combine(Path.GetTempPath(), "kechobench-report-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        directories.Add(d);
        return d;
    }

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = await CommandLine.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Writes_the_report_into_the_results_folder_and_lists_the_files()
    {
        string d = SmallResults.CopyToTemp();
        directories.Add(d);

        var (exit, output, error) = await Run("report", d);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(string.Empty, error);
        Assert.True(File.Exists(Path.Combine(d, HtmlReport.FileName)));
        Assert.Contains("summary.md", output);
        Assert.Contains($"report: {Path.Combine(d, HtmlReport.FileName)}", output);
    }

    [Fact]
    public async Task A_missing_folder_is_a_usage_error_naming_the_argument()
    {
        string missing = Path.Combine(Path.GetTempPath(), "kechobench-no-such-folder-" + Guid.NewGuid().ToString("N"));

        var (exit, _, error) = await Run("report", missing);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("RESULTS_DIR", error);
        Assert.Contains(missing, error);
    }

    [Fact]
    public async Task A_folder_without_run_json_is_a_usage_error()
    {
        string d = NewDirectory();

        var (exit, _, error) = await Run("report", d);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("no run.json", error);
    }

    [Fact]
    public async Task An_unreadable_run_json_is_a_usage_error_naming_the_file()
    {
        string d = NewDirectory();
        await File.WriteAllTextAsync(Path.Combine(d, "run.json"), "{ \"profile\": \"quick\", \"cases\": [ oops");

        var (exit, _, error) = await Run("report", d);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("not a readable results file", error);
        Assert.Contains(Path.Combine(d, "run.json"), error);
        Assert.False(File.Exists(Path.Combine(d, HtmlReport.FileName)));
    }

    [Fact]
    public async Task The_default_folder_is_results_latest()
    {
        var (_, output, _) = await Run("report", "--help");

        Assert.Contains(ReportCommand.DefaultDirectory, output);
    }
}
