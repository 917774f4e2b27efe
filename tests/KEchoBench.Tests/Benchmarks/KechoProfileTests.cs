using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using KEchoBench.Bench.Benchmarks.Profiles;
using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Benchmarks.Scenarios;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Results;
using KEchoBench.Servers.Engines;
using Xunit;
using KEchoBench.Bench.Benchmarks.HandOff;

namespace KEchoBench.Tests.Benchmarks;

/// <summary>
/// <c>bench --profile kecho</c> runs the study's experiments as they were, on every engine; and
/// every case key carries what defines the case, the deadline included.
/// </summary>
[Collection(BenchCollection.Name)]
public sealed class KechoProfileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kechobench-kecho-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_kecho_profile_runs_bench_c_and_the_telnet_grid_and_sweep_on_every_engine()
    {
        Install(BenchProfiles.Kecho);
        var config = BenchConfig.Create(BenchProfiles.Kecho, null, new LoadDiagnoser(_directory), NullLogger.Instance, _directory);

        Assert.Equal([KechoCases.BenchScenario, KechoCases.TelnetScenario], BenchProfiles.Kecho.Scenarios);

        var bench = BenchmarkConverter.TypeToBenchmarks(typeof(KechoBenchScenario), config).BenchmarksCases;
        Assert.Equal(EngineRegistry.Names.Order(), bench.Select(c => (string)c.Parameters["Engine"]).Order());
        Assert.All(bench, c =>
        {
            Assert.Equal(1000, c.Parameters["Clients"]);
            Assert.Equal(10, c.Job.Run.IterationCount); // bench.c's 10 rounds
        });

        var telnet = BenchmarkConverter.TypeToBenchmarks(typeof(KechoTelnetScenario), config).BenchmarksCases;
        Assert.Equal(EngineRegistry.Names.Count() * 8, telnet.Length);
        Assert.All(telnet, c => Assert.Equal(5, c.Job.Run.IterationCount)); // each test repeated 5 times
        string[] expected = ["1x20", "5x20", "10x20", "20x20", "30x20", "40x20", "50x20", "40x5"];
        Assert.Equal(expected.Order(), telnet.Select(c => (string)c.Parameters["Load"]).Distinct().Order());
    }

    [Fact]
    public void The_telnet_cases_belong_to_the_grid_the_sweep_or_both_with_the_study_s_payload_and_timeout()
    {
        Install(BenchProfiles.Kecho);

        Assert.Equal([KechoCases.GridSet, KechoCases.SweepSet], Telnet("20x20").Sets);
        Assert.Equal([KechoCases.GridSet, KechoCases.SweepSet], Telnet("50x20").Sets);
        Assert.Equal([KechoCases.GridSet], Telnet("40x5").Sets);
        Assert.Equal([KechoCases.SweepSet], Telnet("1x20").Sets);

        var grid = Telnet("40x5");
        Assert.Equal((40, 5), (grid.Clients, grid.Requests));
        Assert.Equal("10s", grid.Parameters[CaseParameters.Timeout]);
        Assert.Equal(CaseParameters.HangUp, grid.Parameters[CaseParameters.Connections]);
        Assert.Equal("telnet", grid.Parameters[CaseParameters.Payload]);
        Assert.DoesNotContain(CaseParameters.Size, grid.Parameters.Keys);

        var burst = new Probe<KechoBenchScenario>(s => s.Clients = 1000, "eventloop").Identity;
        Assert.Equal("dummy", burst.Parameters[CaseParameters.Payload]);
        Assert.Equal($"{DummyMessage.Length}", burst.Parameters[CaseParameters.Size]);
        Assert.Equal("dummy message"u8.ToArray(), DummyMessage.Text.ToArray());
        Assert.Equal("10s", burst.Parameters[CaseParameters.Timeout]);
    }

    [Fact]
    public void Cases_that_differ_only_in_their_deadline_have_different_keys()
    {
        Install(BenchProfiles.Quick with { Timeout = TimeSpan.FromSeconds(2) });
        var twoSeconds = new Probe<ClientsScenario>(s => s.Clients = 100, "cmwq").Identity;
        var rate = new Probe<RateScenario>(s => s.Clients = 50, "cmwq").Identity;
        Install(BenchProfiles.Quick with { Timeout = TimeSpan.FromMilliseconds(500) });
        var halfSecond = new Probe<ClientsScenario>(s => s.Clients = 100, "cmwq").Identity;

        Assert.Contains("/timeout=2s", twoSeconds.Key, StringComparison.Ordinal);
        Assert.Contains("/timeout=500ms", halfSecond.Key, StringComparison.Ordinal);
        Assert.NotEqual(twoSeconds.Key, halfSecond.Key);
        Assert.Contains("/connections=hang-up", twoSeconds.Key, StringComparison.Ordinal);
        Assert.Contains("/connections=keep-open", rate.Key, StringComparison.Ordinal); // the open loop keeps its connections
    }

    private CaseResult Telnet(string load) => new Probe<KechoTelnetScenario>(s => s.Load = load, "thread").Identity;

    private void Install(BenchProfile profile) =>
        new BenchSettings { Profile = profile, Engines = [.. EngineRegistry.Names], SideDirectory = _directory }.Install();

    /// <summary>A scenario set up as BenchmarkDotNet would set its parameters, showing the identity its case records.</summary>
    private sealed class Probe<T>
        where T : ScenarioBenchmark, new()
    {
        public Probe(Action<T> parameters, string engine)
        {
            var scenario = new T { Engine = engine };
            parameters(scenario);
            Identity = (CaseResult)typeof(ScenarioBenchmark)
                .GetMethod("Identity", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!
                .Invoke(scenario, null)!;
        }

        public CaseResult Identity { get; }
    }
}
