using System.Diagnostics;
using KEchoBench.Bench.Benchmarks.Profiles;
using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Cli;
using KEchoBench.Bench.Processes;
using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;
using KEchoBench.Servers.Configuration;
using KEchoBench.Tests.Support;
using Xunit;

namespace KEchoBench.Tests.Benchmarks;

/// <summary>
/// <c>bench --yardsticks</c>: the native servers of scripts/yardsticks as engines named
/// <c>native:PROGRAM</c>, each beside the engine of its model. The run test builds echo_epoll with
/// the repository's Makefile (run-tests installs gcc and make where it may) into a folder of its own.
/// </summary>
[Collection(BenchCollection.Name)]
public sealed class BenchYardsticksTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kechobench-yardsticks-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("native:echo_epoll", "echo_epoll")]
    [InlineData("NATIVE:echo_threads", "echo_threads")]
    public void Native_engine_names_parse_to_their_program(string text, string program)
    {
        Assert.True(EngineTarget.TryParse(text, out var target, out string error), error);
        Assert.Equal(program, target.Native);
        Assert.Equal("native:" + program, target.Name);
        Assert.False(target.IsExternal);
    }

    [Theory]
    [InlineData("native:")]
    [InlineData("native:../../bin/sh")]
    [InlineData("native:/bin/sh")]
    public void A_native_engine_is_a_file_name_in_the_yardsticks_folder_never_a_path(string text)
    {
        Assert.False(EngineTarget.TryParse(text, out _, out string error));
        Assert.Contains("native:PROGRAM", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Yardsticks_add_the_native_server_of_each_engines_model_once()
    {
        string[] engines = BenchOptionSet.WithYardsticks(["thread", "workqueue", "cmwq", "eventloop", "uring", "native:echo_epoll"], yardsticks: true);

        // workqueue has no native server of its own yet; echo_epoll was named already.
        Assert.Equal(["thread", "workqueue", "cmwq", "eventloop", "uring", "native:echo_epoll", "native:echo_threads", "native:echo_cmwq", "native:echo_uring"], engines);
        Assert.Equal(["thread"], BenchOptionSet.WithYardsticks(["thread"], yardsticks: false));
    }

    [Theory]
    [InlineData("--yardsticks|--engines|workqueue", "--yardsticks: none of --engines workqueue has a native yardstick")]
    [InlineData("--engines|native:../x", "expected native:PROGRAM")]
    [InlineData("--yardsticks|--cluster|127.0.0.1:4053", "with --cluster the servers run on the server agent")]
    public async Task Bad_yardstick_usage_exits_2_naming_the_option(string arguments, string message)
    {
        var error = new StringWriter();

        int code = await CommandLine.RunAsync(["bench", .. arguments.Split('|')], new StringWriter(), error);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The real program, as a user runs it: a folder without the built program is refused before anything runs.</summary>
    [Fact]
    public async Task A_missing_program_exits_2_naming_it_and_the_make_command()
    {
        string empty = Directory.CreateDirectory(Path.Combine(_root, "unbuilt")).FullName;
        string results = Path.Combine(_root, "results");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { KEchoBenchProcess.DllPath, "bench", "--yardsticks", "--engines", "eventloop", "--scenarios", "clients", "--in-process", "--results", results })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment[NativeYardsticks.FolderVariable] = empty;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(process.ExitCode == ExitCodes.Usage, $"exit {process.ExitCode}: {stderr}\n{await stdout}");
        Assert.Contains("native yardstick echo_epoll not built in " + empty, stderr, StringComparison.Ordinal);
        Assert.Contains("make -C " + empty, stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(results), "nothing ran, so no results folder");
    }

    /// <summary>
    /// echo_epoll built with the repository's Makefile, then a bench of the smallest size with it
    /// beside eventloop on loopback: its case is measured with the server's CPU, threads and memory
    /// from its pid, and it sits out the cpu scenario, whose per-request work it cannot do.
    /// </summary>
    [Fact]
    public async Task A_built_native_server_runs_beside_its_engine_and_is_measured_like_one()
    {
        string folder = BuildEchoEpoll();
        var profile = BenchProfiles.Quick with
        {
            Name = "yardsticks",
            WarmupCount = 1,
            IterationCount = 2,
            ClientsSweep = [4],
            CpuClients = [4],
            RequestsPerClient = 25,
            MinRequestsPerRound = 0,
            MinRoundDuration = TimeSpan.FromMilliseconds(120),
        };
        var request = new BenchRequest
        {
            Profile = profile,
            Scenarios = ["clients", "cpu"],
            Engines = ["eventloop", "native:echo_epoll"],
            YardstickFolder = folder,
            ResultsRoot = _root,
            InProcess = true,
        };
        var output = new StringWriter();
        var error = new StringWriter();
        var runner = new BenchRunner(output, error);

        int code = await runner.RunAsync(request, [], CancellationToken.None);

        Assert.True(code == 0, $"exit {code}: {error}\n{output}");
        Assert.Contains("sit out cpu", output.ToString(), StringComparison.Ordinal);
        var run = RunResultStore.Read(runner.ResultsFolderPath!);
        Assert.DoesNotContain(run.Cases, c => c.Scenario == "cpu" && c.Engine == "native:echo_epoll");
        Assert.Contains(run.Cases, c => c.Scenario == "cpu" && c.Engine == "eventloop");
        var native = run.Cases.Single(c => c.Scenario == "clients" && c.Engine == "native:echo_epoll");
        Assert.Null(native.Failure);
        foreach (var iteration in native.Iterations)
        {
            Assert.Equal(0, iteration.Errors);
            Assert.True(iteration.Requests >= 100, $"{iteration.Requests} requests");
            Assert.Null(iteration.ServerCpuAbsent);
            Assert.True(iteration.ServerCpuUsPerRequest > 0, "server CPU per request measured from the native server's pid");
            Assert.Equal(EngineOptions.DefaultEventLoops, iteration.ServerThreads); // as many epoll loops as eventloop runs by default, the first on the main thread
            Assert.True(iteration.ServerRssBytes > 0);
        }

        // The report pairs the engine with its native server, case by case (cpu has no native case to pair).
        string summary = MarkdownSummary.Render(ReportWriter.Build(run, Directory.CreateDirectory(Path.Combine(_root, "report")).FullName));
        Assert.Contains("## Engines against the native server of their model (--yardsticks)", summary, StringComparison.Ordinal);
        string row = Assert.Single(summary.Split('\n'), l => l.StartsWith("| clients | 4 | eventloop | native:echo_epoll |", StringComparison.Ordinal));
        Assert.True(row.Split('|').Count(cell => cell.Trim().EndsWith('×')) == 3, row); // req/s, CPU per request, p99
    }

    /// <summary>Copies the sources and the Makefile to a folder of this test's and builds echo_epoll there with make.</summary>
    private string BuildEchoEpoll()
    {
        string source = NativeYardsticks.FindFolder() ?? throw new InvalidOperationException("no scripts/yardsticks above the test's folder");
        string folder = Directory.CreateDirectory(Path.Combine(_root, "yardsticks")).FullName;
        foreach (string file in new[] { "Makefile", "yardstick.h", "echo_epoll.c" })
        {
            File.Copy(Path.Combine(source, file), Path.Combine(folder, file));
        }

        var info = new ProcessStartInfo("make") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "-C", folder, "echo_epoll" })
        {
            info.ArgumentList.Add(argument);
        }

        Process make;
        try
        {
            make = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("make is not installed: the yardsticks need make, gcc and libc6-dev (./run-tests installs them when run as root)", e);
        }

        using (make)
        {
            var listing = make.StandardOutput.ReadToEndAsync();
            string errors = make.StandardError.ReadToEnd();
            _ = listing.Result;
            make.WaitForExit();
            Assert.True(make.ExitCode == 0, $"make echo_epoll failed (needs gcc and libc6-dev): {errors}");
        }

        return folder;
    }
}
