using System.Net;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Processes;
using KEchoBench.Bench.Results;
using Xunit;

namespace KEchoBench.Tests.Attribution;

/// <summary>
/// Rounds whose cause is known, measured end to end (a <c>kechobench serve</c> child, the load
/// generator, /proc): injected blocking shows as blocked time, injected CPU work as running, and
/// two busy servers pinned to one CPU as run-queue wait. Ratios and counts, not timings.
/// </summary>
public sealed class KnownCauseTests
{
    private const int Requests = 2 * 150;

    [Fact]
    public async Task Blocking_work_shows_as_blocked_time_and_cpu_work_as_running()
    {
        var blocked = await ServerTimes("block:1ms");
        var busy = await ServerTimes("cpu:1ms");

        // block:1ms: a millisecond per request off the CPU, a voluntary switch for each sleep.
        Assert.True(blocked.BlockedMs >= 0.9 * Requests, $"blocked {blocked.BlockedMs} ms for {Requests} requests of block:1ms");
        Assert.True(blocked.RunningMs < 0.3 * Requests, $"running {blocked.RunningMs} ms for {Requests} requests of block:1ms");
        Assert.True(blocked.VoluntarySwitches >= Requests, $"{blocked.VoluntarySwitches} voluntary switches for {Requests} sleeps");

        // cpu:1ms: a millisecond per request on a CPU or waiting for one, many times block's running.
        Assert.True(busy.RunningMs + busy.RunQueueWaitMs >= 0.8 * Requests, $"running {busy.RunningMs} + waiting {busy.RunQueueWaitMs} ms for {Requests} requests of cpu:1ms");
        Assert.True(busy.RunningMs > 3 * blocked.RunningMs, $"running {busy.RunningMs} ms (cpu:1ms) against {blocked.RunningMs} ms (block:1ms)");
        Assert.Null(busy.SchedStatAbsent);
    }

    [Fact]
    public async Task Two_busy_servers_pinned_to_one_cpu_wait_for_it()
    {
        await using var first = await ServerProcess.StartAsync("thread", ["--work", "cpu:1ms"], TimeSpan.FromSeconds(30));
        await using var second = await ServerProcess.StartAsync("thread", ["--work", "cpu:1ms"], TimeSpan.FromSeconds(30));
        int cpu = CpuAffinity.Allowed()[0];
        Assert.True(CpuAffinity.Pin(first.Pid, [cpu]) && CpuAffinity.Pin(second.Pid, [cpu]), "could not pin the servers");

        var rounds = await Task.WhenAll(Round(first.EndPoint, first.Pid), Round(second.EndPoint, second.Pid));

        foreach (var server in rounds)
        {
            // Four threads that never sleep share one CPU: each waits for it about three times as long as it runs.
            Assert.True(server.RunQueueWaitMs >= server.RunningMs, $"waited {server.RunQueueWaitMs} ms, ran {server.RunningMs} ms");
            Assert.True(server.RunningMs + server.RunQueueWaitMs >= 0.8 * Requests);
        }
    }

    private static async Task<ProcessTimes> ServerTimes(string work)
    {
        await using var server = await ServerProcess.StartAsync("thread", ["--work", work], TimeSpan.FromSeconds(30));
        return await Round(server.EndPoint, server.Pid);
    }

    private static async Task<ProcessTimes> Round(IPEndPoint target, int pid)
    {
        var settings = new LoadSettings
        {
            Target = target,
            Mode = LoadMode.Closed,
            Clients = 2,
            Requests = Requests / 2,
            KeepOpen = true,
            Timeout = TimeSpan.FromSeconds(20),
            ServerPid = pid,
        };
        var report = await LoadGenerator.RunAsync(settings);
        Assert.False(report.HasErrors, string.Join(", ", report.ErrorsByName));
        var round = report.Rounds.Single();
        Assert.Equal(Requests, round.Requests);
        return round.Attribution?.Server ?? throw new InvalidOperationException("the round has no server figures");
    }
}
