using KEchoBench.Bench.Capacity;
using KEchoBench.Bench.Processes;
using Xunit;

namespace KEchoBench.Tests.Capacity;

/// <summary>
/// The search against a server whose capacity is known by construction: one event loop pinned to one
/// CPU that spins 100 µs per request (<c>serve --engine eventloop --workers 1 --work cpu:100us</c>)
/// can complete at most 10,000 requests/s, fewer with its own echo work and whatever else the CPU runs.
/// The search must never report more, and must find most of it. (A measurement, so the lower bound is
/// loose for a shared machine; docs/measurements/ has the campaign with the measured figures.)
/// </summary>
public sealed class KnownCapacityTests
{
    public const double Ceiling = 10_000;

    [Fact]
    public async Task One_pinned_loop_spinning_100us_per_request_sustains_at_most_10000_per_second_and_is_found_near_it()
    {
        var cpus = CpuAffinity.Allowed();
        Assert.True(cpus.Count >= 1, "cannot read this process's CPUs (sched_getaffinity)");
        var server = await ServerProcess.StartAsync("eventloop", ["--workers", "1", "--work", "cpu:100us"], TimeSpan.FromSeconds(30));
        await using var _ = server;
        // The loop's thread exists once the server says it listens; pin every thread to the last CPU.
        Assert.True(CpuAffinity.Pin(server.Pid, [cpus[^1]]), "could not pin the server");

        // The known answer is a throughput limit: the objective is loosened to p99 within 100 ms so
        // that a step fails on the server's queue (100 connections × 100 µs bound it near 10 ms at
        // saturation), not on the time slices a shared machine takes from the pinned CPU.
        // Steps of 1 s: the 99 % delivered rule counts the step's tail (the last echoes after the schedule), and
        // a few ms of it on the profile's 0.3 s steps fail a step the server kept up with.
        var settings = new CapacitySettings { Connections = [100], Repeats = 1, StartRate = 2_000, StepDuration = TimeSpan.FromSeconds(1), Objective = ServiceLevelObjective.Parse("p99=100ms") };
        using var runner = new LoadStepRunner(server.EndPoint, 100, server.Pid, settings);
        var result = await CapacitySearch.RunAsync(runner, settings, 1, CancellationToken.None);

        string steps = string.Join("; ", result.Steps.Select(s => $"{s.OfferedRate}: {s.Why ?? "sustained"}"));
        Assert.True(result.MaxSustainedRate is not null, $"no rate sustained; steps: {steps}; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Assert.True(result.MaxSustainedRate <= Ceiling, $"reported {result.MaxSustainedRate} requests/s: more than one CPU can spin 100 µs for");
        Assert.True(result.MaxSustainedRate >= 0.5 * Ceiling, $"found only {result.MaxSustainedRate} requests/s; steps: {steps}; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        // Every step above 10,000 requests/s failed: the server cannot deliver it.
        Assert.All(result.Steps.Where(s => s.OfferedRate > Ceiling * 1.01), s => Assert.False(s.Sustained));
    }
}
