using KEchoBench.Bench.Cli;
using KEchoBench.Bench.Results;
using Xunit;

namespace KEchoBench.Tests.Comparison;

/// <summary><c>kechobench compare</c> end to end on results folders written with <see cref="RunResultStore"/>: output and exit codes.</summary>
public sealed class CompareCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_results_folder_compared_with_itself_exits_0()
    {
        string run = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 1), _temp.Sub("run"));
        var (code, output, error) = await Compare(run, run, "--metric", "time,mean,p99,max,cpu,rps");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Empty(error);
        Assert.Contains("no regression beyond 5%", output);
        Assert.Contains("clients/cmwq/clients=20/requests=20", output);
        Assert.DoesNotContain("slower", output);
        Assert.Contains("geometric mean of ratios (current/base): time 1.000×", output);
    }

    [Fact]
    public async Task A_run_slowed_on_purpose_is_named_as_such_in_the_console_and_the_markdown()
    {
        string before = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 40), _temp.Sub("before"));
        var slowed = SyntheticRuns.Run(seed: 41, slowdown: 1.3) with { InjectedWork = new Dictionary<string, string> { ["eventloop"] = "cpu:8us" } };
        string after = SyntheticRuns.WriteRun(slowed, _temp.Sub("after"));
        string markdown = _temp.Sub("md/compare.md");

        var (code, output, _) = await Compare(before, after, "--markdown", markdown);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("injected work: eventloop=cpu:8us", output);
        Assert.Single(output.Split('\n'), line => line.Contains("injected work", StringComparison.Ordinal));
        Assert.Contains("injected work: eventloop=cpu:8us", File.ReadAllText(markdown));
    }

    [Fact]
    public void A_fallback_already_among_the_metrics_is_summarised_once()
    {
        string before = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 42), _temp.Sub("before"));
        string after = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 43), _temp.Sub("after"));
        var settings = new KEchoBench.Bench.Comparison.ComparisonSettings { Metrics = [KEchoBench.Bench.Comparison.ComparisonMetric.Time, KEchoBench.Bench.Comparison.ComparisonMetric.Cpu] };

        var report = KEchoBench.Bench.Comparison.ComparisonRunner.Run(before, after, settings);

        Assert.Null(settings.StandIn);
        Assert.Equal(["time", "cpu"], report.GeometricMeans.Select(g => g.Metric.Name));
    }

    [Fact]
    public async Task Two_runs_of_the_same_build_exit_0()
    {
        string before = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 2), _temp.Sub("before"));
        string after = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 3), _temp.Sub("after"));
        var (code, output, _) = await Compare(before, after);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("no regression", output);
    }

    [Theory]
    [InlineData("runq")]
    [InlineData("vcsw")]
    [InlineData("work-items")]
    [InlineData("contentions")]
    public async Task Where_the_time_went_and_the_runtime_s_figures_gate_by_name(string metric)
    {
        // The same run twice but for the server's scheduling and runtime figures, doubled in the head.
        string before = SyntheticRuns.WriteRun(WithAttribution(SyntheticRuns.Run(seed: 6), 1.0), _temp.Sub("before"));
        string after = SyntheticRuns.WriteRun(WithAttribution(SyntheticRuns.Run(seed: 6), 2.0), _temp.Sub("after"));

        var (same, sameOutput, _) = await Compare(before, before, "--metric", metric);
        var (code, output, _) = await Compare(before, after, "--metric", metric);

        Assert.Equal(ExitCodes.Success, same);
        Assert.Contains("no regression", sameOutput);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains($"clients/cmwq/clients=50/requests=20 {metric}", output);
    }

    private static RunResult WithAttribution(RunResult run, double factor)
    {
        var random = new Random(7);
        IterationResult With(IterationResult i)
        {
            double noise = 0.95 + (0.1 * random.NextDouble());
            return i with
            {
                Attribution = new RoundAttribution
                {
                    Server = new ProcessTimes { RunQueueWaitMs = 10 * factor * noise, VoluntarySwitches = (long)(400 * factor * noise) },
                    Runtime = new RuntimeMoved { WorkItemsCompleted = (long)(400 * factor * noise), LockContentions = (long)(100 * factor * noise) },
                },
            };
        }

        return run with { Cases = [.. run.Cases.Select(c => c with { Iterations = [.. c.Iterations.Select(With)] })] };
    }

    [Fact]
    public async Task A_thirty_percent_slowdown_exits_1_and_names_the_cases()
    {
        string before = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 4), _temp.Sub("before"));
        string after = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 5, slowdown: 1.3), _temp.Sub("after"));
        var (code, output, _) = await Compare(before, after, "--metric", "time", "--metric", "rps");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("REGRESSION: 16 slower beyond 5%", output);
        Assert.Contains("clients/eventloop/clients=50/requests=20 rps", output);
    }

    [Fact]
    public async Task A_thirty_percent_speedup_exits_0_and_says_faster()
    {
        string before = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 6, slowdown: 1.3), _temp.Sub("before"));
        string after = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 7), _temp.Sub("after"));
        var (code, output, _) = await Compare(before, after);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("faster", output);
        Assert.DoesNotContain("slower", output);
    }

    [Fact]
    public async Task Too_few_iterations_exit_0_and_say_so()
    {
        string before = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 8, iterations: 2), _temp.Sub("before"));
        string after = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 9, iterations: 2, slowdown: 1.5), _temp.Sub("after"));
        var (code, output, _) = await Compare(before, after);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("too few samples", output);
        Assert.Contains("2 vs 2 iterations cannot give p below 0.1667", output);
    }

    [Fact]
    public async Task Cases_on_one_side_only_are_listed()
    {
        string before = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 10, engines: ["thread", "workqueue"]), _temp.Sub("before"));
        string after = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 11, engines: ["workqueue", "cmwq"]), _temp.Sub("after"));
        var (code, output, _) = await Compare(before, after);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("only in BASE (not compared): clients/thread/clients=20/requests=20", output);
        Assert.Contains("only in CURRENT (not compared): clients/cmwq/clients=50/requests=20", output);
        Assert.Contains("(kechobench, 4 cases)", output);
    }

    [Fact]
    public async Task Missing_server_cpu_is_skipped_and_said()
    {
        string before = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 12, serverCpu: false), _temp.Sub("before"));
        string after = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 13, serverCpu: false), _temp.Sub("after"));
        var (code, output, _) = await Compare(before, after, "--metric", "cpu", "--metric", "time");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("skipped: cpu: no server CPU time per request values in either run (all 8 cases)", output);
        Assert.Contains("time (µs/req)", output);
        Assert.DoesNotContain("cpu (µs/req)", output);
    }

    [Fact]
    public async Task Server_cpu_missing_on_one_side_is_skipped_per_case()
    {
        string before = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 12), _temp.Sub("before"));
        string after = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 13, serverCpu: false), _temp.Sub("after"));
        var (code, output, _) = await Compare(before, after, "--metric", "cpu,rps");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(8, output.Split('\n').Count(line => line.StartsWith("skipped: cpu of ", StringComparison.Ordinal) && line.EndsWith("values in CURRENT", StringComparison.Ordinal)));
        Assert.Contains("rps (req/s)", output);
    }

    [Fact]
    public async Task Markdown_file_has_the_table_and_the_summary()
    {
        string before = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 14), _temp.Sub("before"));
        string after = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 15, slowdown: 1.3), _temp.Sub("after"));
        string markdown = _temp.Sub("out/compare.md");
        var (code, _, _) = await Compare(before, after, "--markdown", markdown);
        Assert.Equal(ExitCodes.Failure, code);
        string text = await File.ReadAllTextAsync(markdown);
        Assert.Contains("| case | metric | base median | current median | ratio | p-value | verdict | n | spread |", text);
        Assert.Contains("| **slower** | 10/10 |", text);
        Assert.Contains("geometric mean of ratios", text);
        Assert.Equal(8, text.Split('\n').Count(line => line.Contains("**slower**", StringComparison.Ordinal))); // 8 cases × the default metric, server CPU
    }

    [Fact]
    public async Task Comma_separated_runs_are_pooled_per_side()
    {
        string base1 = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 22, iterations: 5), _temp.Sub("base1"));
        string base2 = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 23, iterations: 5), _temp.Sub("base2"));
        string head1 = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 24, iterations: 5, slowdown: 1.3), _temp.Sub("head1"));
        string head2 = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 25, iterations: 5, slowdown: 1.3), _temp.Sub("head2"));
        var (code, output, _) = await Compare($"{base1},{base2}", $"{head1},{head2}", "--metric", "time");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("| 10/10 ", output);
        Assert.Contains("REGRESSION: 8 slower beyond 5%", output);
        Assert.DoesNotContain("| 5/5 ", output);
    }

    [Fact]
    public async Task Iterations_scattering_beyond_twice_the_threshold_are_flagged_as_noisy()
    {
        string quiet = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 27, cv: 0.02), _temp.Sub("quiet"));
        string noisy = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 28, cv: 0.30), _temp.Sub("noisy"));
        var (_, quietOutput, _) = await Compare(quiet, quiet);
        var (_, noisyOutput, _) = await Compare(quiet, noisy);
        Assert.DoesNotContain("noisy:", quietOutput);
        Assert.Contains("noisy: in ", noisyOutput);
        Assert.Contains("scatter by more than twice the 5% threshold", noisyOutput);
    }

    [Fact]
    public async Task A_missing_folder_exits_2_naming_it()
    {
        string run = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 16), _temp.Sub("run"));
        var (code, _, error) = await Compare(run, _temp.Sub("nowhere"));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("CURRENT", error);
        Assert.Contains("nowhere' does not exist", error);
    }

    [Fact]
    public async Task A_folder_without_results_exits_2()
    {
        string run = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 17), _temp.Sub("run"));
        Directory.CreateDirectory(_temp.Sub("empty"));
        var (code, _, error) = await Compare(_temp.Sub("empty"), run);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("BASE", error);
        Assert.Contains("has no run.json", error);
    }

    [Fact]
    public async Task Unreadable_json_exits_2_naming_the_file()
    {
        string run = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 18), _temp.Sub("run"));
        Directory.CreateDirectory(_temp.Sub("broken"));
        await File.WriteAllTextAsync(Path.Combine(_temp.Sub("broken"), RunResult.FileName), "{ \"profile\": \"ci\", \"cases\": [ {");
        var (code, _, error) = await Compare(run, _temp.Sub("broken"));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("CURRENT", error);
        Assert.Contains("not a readable results file", error);
    }

    [Fact]
    public async Task No_case_in_common_exits_2()
    {
        string before = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 19, engines: ["thread"]), _temp.Sub("before"));
        string after = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 20, engines: ["cmwq"]), _temp.Sub("after"));
        var (code, output, error) = await Compare(before, after);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.Contains("no case in common", error);
    }

    [Theory]
    [InlineData("--threshold", "five", "--threshold 'five'")]
    [InlineData("--threshold", "-5%", "--threshold '-5%'")]
    [InlineData("--alpha", "1.5", "--alpha 1.5")]
    [InlineData("--metric", "latency", "--metric 'latency': unknown metric; allowed: time, mean, p99, max, cpu, rps")]
    public async Task Bad_options_exit_2_naming_the_option(string option, string value, string message)
    {
        string run = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 21), _temp.Sub("run"));
        var (code, _, error) = await Compare(run, run, option, value);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task An_unwritable_markdown_file_exits_2_naming_the_option()
    {
        string run = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 26), _temp.Sub("run"));
        var (code, _, error) = await Compare(run, run, "--markdown", _temp.Path); // a folder, not a file
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--markdown", error);
    }

    [Fact]
    public async Task A_missing_argument_exits_2()
    {
        var (code, _, _) = await Run(["compare", _temp.Path]);
        Assert.Equal(ExitCodes.Usage, code);
    }

    private static Task<(int Code, string Output, string Error)> Compare(string basePath, string currentPath, params string[] options) =>
        Run(["compare", basePath, currentPath, .. options]);

    private static async Task<(int Code, string Output, string Error)> Run(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await CommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
