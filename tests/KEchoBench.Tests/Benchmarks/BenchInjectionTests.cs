using KEchoBench.Bench.Cli;
using KEchoBench.Bench.Benchmarks.Profiles;
using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Results;
using Xunit;

namespace KEchoBench.Tests.Benchmarks;

/// <summary>
/// <c>bench --inject-work</c>: the known slowdown a regression gate is checked with. It must slow
/// the engine it names and no other, keep the case names a comparison matches on, and be recorded.
/// </summary>
[Collection(BenchCollection.Name)]
public sealed class BenchInjectionTests : IDisposable
{
    private const int Blocking = 3_000; // µs: every echo of the slowed engine sleeps at least this long
    private readonly string _root = Directory.CreateTempSubdirectory("kechobench-inject-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Injected_work_slows_only_its_engine_keeps_the_case_names_and_is_recorded()
    {
        var profile = BenchProfiles.Quick with { Name = "inject", WarmupCount = 1, IterationCount = 2, ClientsSweep = [1], RequestsPerClient = 10 };
        var injected = new Dictionary<string, string> { ["eventloop"] = $"block:{Blocking}us" };

        var plain = await RunAsync(profile, new Dictionary<string, string>());
        var slowed = await RunAsync(profile, injected);

        Assert.Empty(plain.InjectedWork);
        Assert.Equal(injected, slowed.InjectedWork);
        Assert.Equal(plain.Cases.Select(c => c.Key).Order(), slowed.Cases.Select(c => c.Key).Order());

        var eventloop = slowed.Cases.Single(c => c.Engine == "eventloop");
        var thread = slowed.Cases.Single(c => c.Engine == "thread");
        Assert.All(eventloop.Iterations, i => Assert.True(i.Latency.P50Us >= Blocking * 0.99, $"eventloop p50 {i.Latency.P50Us} µs: the injected {Blocking} µs sleep did not run"));

        // Not a timing: the slowed engine's every echo sleeps 3 ms, the other one's does not.
        double threadP50 = thread.Iterations.Min(i => i.Latency.P50Us);
        double eventloopP50 = eventloop.Iterations.Min(i => i.Latency.P50Us);
        Assert.True(threadP50 < eventloopP50 / 2, $"thread p50 {threadP50} µs against eventloop {eventloopP50} µs: the injection reached the wrong engine");
    }

    private async Task<RunResult> RunAsync(BenchProfile profile, IReadOnlyDictionary<string, string> injected)
    {
        var request = new BenchRequest
        {
            Profile = profile,
            Scenarios = ["clients"],
            Engines = ["thread", "eventloop"],
            ResultsRoot = Path.Combine(_root, injected.Count == 0 ? "plain" : "slowed"),
            InProcess = true,
            InjectedWork = injected,
        };
        var output = new StringWriter();
        var error = new StringWriter();
        var runner = new BenchRunner(output, error);

        int code = await runner.RunAsync(request, [], CancellationToken.None);

        Assert.True(code == 0, $"exit {code}: {error}\n{output}");
        return RunResultStore.Read(runner.ResultsFolderPath!);
    }
}
