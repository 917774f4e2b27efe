using System.Net;
using System.Net.Sockets;
using KEchoBench.Bench.Cli;
using KEchoBench.Bench.Benchmarks.Profiles;
using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Results;
using Xunit;

namespace KEchoBench.Tests.Benchmarks;

/// <summary>A case that cannot run is reported with why, the rest of the run completes, and the exit code says so.</summary>
[Collection(BenchCollection.Name)]
public sealed class BenchFailureTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kechobench-fail-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Unreachable_external_engine_fails_its_case_and_the_rest_completes()
    {
        int closedPort = ClosedPort();
        var request = new BenchRequest
        {
            Profile = BenchProfiles.Quick with { Name = "fail", WarmupCount = 1, IterationCount = 1, ClientsSweep = [2], RequestsPerClient = 5, MinRequestsPerRound = 0, MinRoundDuration = null },
            Scenarios = ["clients"],
            Engines = [$"external:127.0.0.1:{closedPort}", "eventloop"],
            ResultsRoot = _root,
            InProcess = true,
        };
        var error = new StringWriter();
        var runner = new BenchRunner(new StringWriter(), error);

        int code = await runner.RunAsync(request, [], CancellationToken.None);

        Assert.Equal(1, code);
        var run = RunResultStore.Read(runner.ResultsFolderPath!);
        var external = run.Cases.Single(c => c.Engine.StartsWith("external:", StringComparison.Ordinal));
        Assert.Contains("connection refused", external.Failure, StringComparison.Ordinal);
        Assert.Null(external.Overall);
        var builtIn = run.Cases.Single(c => c.Engine == "eventloop");
        Assert.Null(builtIn.Failure);
        Assert.Equal(2 * 5, builtIn.Overall!.Requests);
        Assert.Contains(external.Key, error.ToString(), StringComparison.Ordinal);

        // bench leaves summary.md to the report (its one writer), which names the failed case.
        string summary = Path.Combine(runner.ResultsFolderPath!, MarkdownSummary.FileName);
        Assert.False(File.Exists(summary), "bench without its report finisher wrote a summary.md of its own");
        ReportWriter.Write(runner.ResultsFolderPath!);
        string text = File.ReadAllText(summary);
        Assert.Contains("## Cases that did not run", text, StringComparison.Ordinal);
        Assert.Contains("connection refused", text, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
