using System.Text.Json;
using KEchoBench.Bench.Cli;
using KEchoBench.Bench.Benchmarks.Columns;
using KEchoBench.Bench.Benchmarks.Profiles;
using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;
using Xunit;

namespace KEchoBench.Tests.Benchmarks;

/// <summary>
/// The suite in its smallest form: one scenario, two engines, BenchmarkDotNet's in-process
/// toolchain (the servers still run as their own processes). Checks that every custom column
/// reaches the exports and that the figures hang together, not how fast anything is.
/// </summary>
[Collection(BenchCollection.Name)]
public sealed class BenchSmokeTests : IDisposable
{
    private const int Clients = 4;
    private const int Requests = 25;
    private const int Iterations = 3;
    private readonly string _root = Directory.CreateTempSubdirectory("kechobench-smoke-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Without_attribution_no_round_reads_where_its_time_went_and_the_report_has_no_breakdown()
    {
        var request = new BenchRequest
        {
            Profile = BenchProfiles.Quick with
            {
                Name = "smoke",
                WarmupCount = 1,
                IterationCount = 2,
                ClientsSweep = [Clients],
                RequestsPerClient = Requests,
                MinRequestsPerRound = 0,
            },
            Scenarios = ["clients"],
            Engines = ["cmwq"],
            ResultsRoot = _root,
            InProcess = true,
            Attribution = false,
        };
        var output = new StringWriter();
        var error = new StringWriter();
        var runner = new BenchRunner(output, error);

        int code = await runner.RunAsync(request, RunFinishers.Create(baseline: null), CancellationToken.None);

        Assert.True(code == 0, $"exit {code}: {error}\n{output}");
        var run = RunResultStore.Read(runner.ResultsFolderPath!);
        var iterations = run.Cases.Single().Iterations;
        Assert.Equal(2, iterations.Count);
        Assert.All(iterations, i => Assert.Null(i.Attribution));
        string summary = File.ReadAllText(Path.Combine(runner.ResultsFolderPath!, "summary.md"));
        Assert.DoesNotContain("Where the time went: clients", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Inside the .NET runtime", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Smallest_suite_fills_every_custom_column_consistently()
    {
        var profile = BenchProfiles.Quick with
        {
            Name = "smoke",
            WarmupCount = 1,
            IterationCount = Iterations,
            ClientsSweep = [Clients],
            RequestsPerClient = Requests,
            MinRequestsPerRound = 0,

            // Each round repeats the 4 × 25 test until it has lasted the 100 ms a server CPU figure needs.
            MinRoundDuration = TimeSpan.FromMilliseconds(120),
        };
        var request = new BenchRequest
        {
            Profile = profile,
            Scenarios = ["clients"],
            Engines = ["thread", "eventloop"],
            ResultsRoot = _root,
            InProcess = true,
        };
        var output = new StringWriter();
        var error = new StringWriter();
        var runner = new BenchRunner(output, error);

        int code = await runner.RunAsync(request, RunFinishers.Create(baseline: null), CancellationToken.None);

        Assert.True(code == 0, $"exit {code}: {error}\n{output}");
        string folder = runner.ResultsFolderPath!;
        var run = RunResultStore.Read(folder);
        Assert.Equal("smoke", run.Profile);
        Assert.Equal(["eventloop", "thread"], run.Cases.Select(c => c.Engine).Order());

        foreach (var c in run.Cases)
        {
            Assert.Null(c.Failure);
            Assert.Equal("clients", c.Scenario);
            Assert.Equal("hang-up", c.Parameters["connections"]);
            Assert.Equal("2s", c.Parameters["timeout"]); // the deadline is in every case key
            Assert.Equal(Clients, c.Clients);
            Assert.Equal(Requests, c.Requests);
            Assert.Equal(Iterations, c.Iterations.Count);
            foreach (var iteration in c.Iterations)
            {
                Assert.True(iteration.Repeats >= 1);
                Assert.True(iteration.Seconds >= 0.12, $"round of {iteration.Seconds} s");
                Assert.Equal(iteration.Repeats * Clients * Requests, iteration.Requests);
                Assert.Equal(iteration.Repeats * Clients, iteration.ClientsServed);
                Assert.Equal(0, iteration.ClientsFailed);
                Assert.Equal(iteration.Repeats * Clients, iteration.Connect!.Count); // each client connected in each test, then hung up
                Assert.Null(iteration.ServerCpuAbsent);
                Assert.Equal(iteration.Requests, iteration.Latency.Count);

                // Where the time went, with the runtime inside the server read at the round's edges.
                Assert.NotNull(iteration.Attribution?.Server);
                Assert.True(iteration.Attribution.Runtime is { Samples: >= 2 }, $"runtime: {iteration.Attribution.Runtime}, {iteration.Attribution.RuntimeAbsent}");
                Assert.Equal(0, iteration.Errors);
                AssertSane(iteration);
            }

            var overall = c.Overall!;
            Assert.Equal(c.Iterations.Sum(i => i.Repeats) * Clients * Requests, overall.Requests);
            Assert.Equal("120ms", c.Parameters["min-round"]);
            Assert.Equal(overall.Requests, overall.Latency.Count);
            Assert.Equal(c.Iterations.Max(i => i.Latency.MaxUs), overall.Latency.MaxUs);
            Assert.Equal(c.Iterations.Max(i => i.ServerThreads), overall.ServerThreads);
            AssertSane(overall);
            Assert.Empty(c.ErrorsByKind);
            Assert.NotEmpty(c.Spectrum);
            Assert.True(c.Spectrum.Zip(c.Spectrum.Skip(1)).All(p => p.First.Percentile <= p.Second.Percentile && p.First.ValueUs <= p.Second.ValueUs));
        }

        // Every custom column, in every export BenchmarkDotNet wrote.
        string exports = Path.Combine(folder, BenchRunner.ExportsFolderName, "results");
        string markdown = File.ReadAllText(Directory.GetFiles(exports, "*-report-github.md").Single());
        string csv = File.ReadAllText(Directory.GetFiles(exports, "*-report.csv").Single());
        foreach (var metric in LoadMetrics.All)
        {
            Assert.Contains(metric.DisplayName, markdown, StringComparison.Ordinal);
            Assert.Contains(metric.DisplayName, csv, StringComparison.Ordinal);
        }

        // The full JSON carries the same numbers as run.json.
        using var json = JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(exports, "*-report-full.json").Single()));
        foreach (var benchmark in json.RootElement.GetProperty("Benchmarks").EnumerateArray())
        {
            string engine = benchmark.GetProperty("Parameters").GetString()!.Split('&').Single(p => p.StartsWith("Engine=", StringComparison.Ordinal))["Engine=".Length..];
            var overall = run.Cases.Single(c => c.Engine == engine).Overall!;
            var metrics = benchmark.GetProperty("Metrics").EnumerateArray()
                .ToDictionary(m => m.GetProperty("Descriptor").GetProperty("Id").GetString()!, m => m.GetProperty("Value").GetDouble());
            foreach (var metric in LoadMetrics.All)
            {
                Assert.True(metrics.ContainsKey(metric.Id), $"{engine}: no {metric.Id} in the full JSON");
                Assert.Equal(metric.ValueOf(overall)!.Value, metrics[metric.Id], 6);
            }
        }

        Assert.True(File.Exists(Path.Combine(folder, BenchRunner.EnvironmentFileName)));
        // summary.md is the report's, from the one writer the report finisher calls.
        string summary = File.ReadAllText(Path.Combine(folder, MarkdownSummary.FileName));
        string again = Directory.CreateDirectory(Path.Combine(_root, "report-again")).FullName;
        Assert.Equal(MarkdownSummary.Render(ReportWriter.Build(run, again)), summary);
        Assert.Contains("## Scenario clients", summary, StringComparison.Ordinal);
        Assert.Contains("| thread |", summary, StringComparison.Ordinal);
        Assert.Contains("| eventloop |", summary, StringComparison.Ordinal);
        Assert.Equal(Path.GetFileName(folder), new FileInfo(Path.Combine(_root, ResultsFolder.LatestName)).LinkTarget);
    }

    private static void AssertSane(IterationResult figures)
    {
        var l = figures.Latency;
        Assert.True(l.P50Us > 0, "p50 > 0");
        Assert.True(l.P50Us <= l.P90Us && l.P90Us <= l.P99Us && l.P99Us <= l.P999Us && l.P999Us <= l.P9999Us && l.P9999Us <= l.MaxUs, $"percentiles ordered: {l}");
        Assert.True(l.MeanUs > 0 && l.MeanUs <= l.MaxUs, $"mean within range: {l}");
        Assert.True(figures.RequestsPerSecond > 0);
        Assert.True(figures.ServerCpuPercent > 0, "server CPU > 0");
        Assert.True(figures.ServerCpuUsPerRequest > 0, "server CPU per request > 0");
        Assert.True(figures.ClientCpuPercent > 0, "client CPU > 0");
        Assert.True(figures.ServerThreads > 0, "server threads > 0");
        Assert.True(figures.ServerRssBytes > 0, "server RSS > 0");
    }
}
