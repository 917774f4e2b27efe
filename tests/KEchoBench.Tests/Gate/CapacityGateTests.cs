using KEchoBench.Bench.Capacity;
using KEchoBench.Bench.Cli;
using KEchoBench.Bench.Gate;
using KEchoBench.Bench.Processes;
using KEchoBench.Servers.Configuration;
using KEchoBench.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace KEchoBench.Tests.Gate;

/// <summary>
/// <c>ab --capacity</c>: the base build's and the head's maximum sustainable rate, searched in
/// turn on servers started for each search. A head whose every echo holds a process-wide lock for
/// 1 ms cannot deliver more than 1,000 requests/s by construction, while the base's event loop
/// reaches the search's ceiling: the gate must call that slower, from searches it interleaved.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CapacityGateTests(ITestOutputHelper output)
{
    /// <summary>Short steps and a low ceiling: the base reaches the ceiling in four steps, the head bisects below 1,000/s.</summary>
    private static readonly CapacitySettings Small = new()
    {
        Connections = [16],
        Repeats = 3,
        StartRate = 400,
        FloorRate = 100,
        CeilingRate = 3_200,
        MinRequestsPerStep = 100,
        Precision = 0.1,
        StepDuration = TimeSpan.FromMilliseconds(250),
        WarmupDuration = TimeSpan.FromMilliseconds(500),
        DeliveredShare = 0.95,
        Objective = ServiceLevelObjective.Parse("p99=200ms"),
    };

    [Fact]
    public async Task A_head_bounded_by_a_lock_is_slower_in_capacity_from_interleaved_searches()
    {
        Assert.True(BaseServer.TryParse(KEchoBenchProcess.DllPath, out var server, out string error), error);
        var settings = new AbSettings { Base = server!, Engines = ["eventloop"], InjectedWork = WorkModel.Parse("lock:1ms") };
        var placement = Placement.Decide(PlacementMode.Shared, CpuAffinity.Allowed())!;
        var lines = new List<string>();

        var result = await CapacityGate.RunAsync("eventloop", settings, Small, placement, new Random(3), lines.Add, CancellationToken.None);

        string why = string.Join("\n", lines) + "\n" + result.Verdict;
        output.WriteLine(why);
        Assert.Equal(3, result.Base.Repetitions.Count);
        Assert.Equal(3, result.Head.Repetitions.Count);
        Assert.Equal(6, lines.Count);
        // Balanced two by two: the first two searches of a side ran once first and once second.
        Assert.NotEqual(result.HeadFirst[0], result.HeadFirst[1]);
        Assert.All(result.Head.Repetitions, r => Assert.True(r.MaxSustainedRate <= 1_000 / Small.DeliveredShare * 1.02, why));
        Assert.True(result.Head.Repetitions.Max(r => r.MaxSustainedRate) < result.Base.Repetitions.Min(r => r.MaxSustainedRate), why);
        Assert.Equal(GateOutcome.Slower, result.Outcome);
        Assert.Contains("REGRESSION", result.Verdict, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--capacity|--capacity-searches|2", "--capacity-searches 2: must be at least 3")]
    [InlineData("--capacity|--capacity-connections|0", "--capacity-connections 0: must be at least 1")]
    public async Task Bad_capacity_options_exit_2_naming_the_option(string arguments, string message)
    {
        var error = new StringWriter();
        int code = await CommandLine.RunAsync(["ab", "--base-server", KEchoBenchProcess.DllPath, .. arguments.Split('|')], new StringWriter(), error);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_run_is_slower_when_only_its_capacity_is()
    {
        var slower = new AbCapacityResult("eventloop", 16, [true, false, true], new() { Engine = "eventloop" }, new() { Engine = "eventloop" }, "capacity/eventloop/connections=16: REGRESSION", GateOutcome.Slower);
        var run = new AbRunResult(1, "base", "none", "shared", []) { Capacity = [slower] };
        Assert.Equal(GateOutcome.Slower, run.Outcome);
        Assert.Equal(GateOutcome.Same, (run with { Capacity = [slower with { Outcome = GateOutcome.Same }] }).Outcome);
        var text = new StringWriter();
        AbConsoleRenderer.WriteVerdict(run, text);
        Assert.Contains("verdict: slower (eventloop: capacity)", text.ToString(), StringComparison.Ordinal);
    }
}
