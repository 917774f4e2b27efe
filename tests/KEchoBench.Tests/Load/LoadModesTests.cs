using HdrHistogram;
using KEchoBench.Bench.Load;
using Xunit;

namespace KEchoBench.Tests.Load;

/// <summary>Every mode against an in-process engine: requests sent = echoes verified, nothing lost, nothing counted twice.</summary>
public sealed class LoadModesTests
{
    [Theory]
    [InlineData(1, PayloadKind.Pattern, 1)]
    [InlineData(4, PayloadKind.Pattern, 1)]
    [InlineData(1, PayloadKind.Telnet, 1)]
    [InlineData(3, PayloadKind.Telnet, 2)]
    [InlineData(2, PayloadKind.Pattern, 2)]
    public async Task Closed_loop_verifies_every_request(int pipeline, PayloadKind payload, int threads)
    {
        var engine = LoadTestSettings.StartEngine();
        await using var _ = engine;
        var settings = LoadTestSettings.Small(engine.LocalEndPoint) with { Pipeline = pipeline, Payload = payload, Threads = threads, Size = 100, Rounds = 2 };

        var report = await LoadGenerator.RunAsync(settings);

        Assert.False(report.HasErrors, string.Join(", ", report.ErrorsByName));
        Assert.Equal(4, report.ConnectionsEstablished);
        Assert.Equal(2, report.Rounds.Count);
        Assert.All(report.Rounds, r => Assert.Equal(4 * 100, r.Requests));
        Assert.Equal(2 * 4 * 100, report.Requests);
        Assert.Equal(report.Requests, report.Latency.TotalCount);
        Assert.Equal(report.Requests, report.Overall().Latency.Count);
        Assert.Equal(2, report.Iterations().Count);
        Assert.True(report.Overall().Latency.P99Us >= report.Overall().Latency.P50Us);
        Assert.True(report.ClientCpu > TimeSpan.Zero);
    }

    [Fact]
    public async Task Timed_closed_loop_counts_what_it_verified()
    {
        var engine = LoadTestSettings.StartEngine("eventloop");
        await using var _ = engine;
        var settings = LoadTestSettings.Small(engine.LocalEndPoint) with { Duration = TimeSpan.FromMilliseconds(300), WarmupCount = 10 };

        var report = await LoadGenerator.RunAsync(settings);

        Assert.False(report.HasErrors, string.Join(", ", report.ErrorsByName));
        Assert.True(report.Requests > 0, "no request verified");
        Assert.Equal(report.Requests, report.Latency.TotalCount);
        Assert.True(report.Elapsed >= TimeSpan.FromMilliseconds(300), $"the round lasted {report.Elapsed}");
    }

    [Fact]
    public async Task Kept_open_a_session_runs_several_rounds_on_the_same_connections()
    {
        var engine = LoadTestSettings.StartEngine();
        await using var _ = engine;
        using var session = await LoadSession.OpenAsync(LoadTestSettings.Small(engine.LocalEndPoint) with { Pipeline = 2, KeepOpen = true });

        for (int round = 0; round < 3; round++)
        {
            var result = await session.RunRoundAsync(round, 50, null);
            Assert.Equal(4 * 50, result.Requests);
            Assert.Equal(0, result.ErrorCount);
        }

        Assert.Equal(4, session.ConnectionsEstablished);
        // Every echo came back, so the server has accepted every connection: and no more than the first four.
        Assert.Equal(4, engine.Statistics.Snapshot().Accepted);
    }

    [Fact]
    public async Task Burst_opens_uses_and_closes_every_connection_each_round()
    {
        var engine = LoadTestSettings.StartEngine();
        await using var _ = engine;
        var settings = LoadTestSettings.Small(engine.LocalEndPoint, LoadMode.Burst) with { Clients = 30, Rounds = 3, WarmupCount = 1 };

        var report = await LoadGenerator.RunAsync(settings);

        Assert.False(report.HasErrors, string.Join(", ", report.ErrorsByName));
        Assert.Equal(30, report.ConnectionsEstablished);
        Assert.Equal(3 * 30, report.Requests);
        Assert.Equal(3 * 30, report.Connect!.TotalCount);
        Assert.Equal(30, report.PerConnectionUs.Count);
        Assert.All(report.PerConnectionUs, us => Assert.True(us > 0 && double.IsFinite(us)));

        // Each burst connection is new (the server accepted it before echoing): warm-up and 3 rounds of 30.
        Assert.Equal(4 * 30, engine.Statistics.Snapshot().Accepted);
    }

    [Fact]
    public async Task Open_loop_sends_the_scheduled_requests_and_measures_both_ways()
    {
        var engine = LoadTestSettings.StartEngine();
        await using var _ = engine;
        var settings = LoadTestSettings.Small(engine.LocalEndPoint, LoadMode.Rate) with { Rate = 4000, Requests = 50, Threads = 2 };

        var report = await LoadGenerator.RunAsync(settings);

        Assert.False(report.HasErrors, string.Join(", ", report.ErrorsByName));
        Assert.Equal(4 * 50, report.Requests);
        Assert.Equal(report.Requests, report.Uncorrected!.TotalCount);

        // Measured from the schedule, a request can only look slower than measured from its send.
        Assert.True(report.Latency.GetMaxValue() >= report.Uncorrected.GetMaxValue());
        Assert.True(report.Latency.GetValueAtPercentile(50) >= report.Uncorrected.GetValueAtPercentile(50));
    }

    [Theory]
    [InlineData(LoadMode.Closed, PayloadKind.Pattern)]
    [InlineData(LoadMode.Closed, PayloadKind.Telnet)]
    [InlineData(LoadMode.Rate, PayloadKind.Pattern)]
    public async Task The_hot_path_allocates_nothing_per_request(LoadMode mode, PayloadKind payload)
    {
        var engine = LoadTestSettings.StartEngine();
        await using var _ = engine;
        using var session = await LoadSession.OpenAsync(LoadTestSettings.Small(engine.LocalEndPoint, mode) with { Payload = payload, Pipeline = 2, Rate = 20000 });

        var small = await session.RunRoundAsync(0, 50, null);
        var large = await session.RunRoundAsync(1, 2000, null);

        Assert.Equal(4 * 2000, large.Requests);

        // The smallest object costs 24 bytes, so anything allocated per request would add at least
        // 24 × 7800 bytes to the larger round. Allow under 8 bytes per extra request: room for a
        // one-off (a buffer growing once when a loaded machine delivers more events per wake-up,
        // seen at 8 KiB) and none for a per-request allocation.
        long extraRequests = large.Requests - small.Requests;
        long extraBytes = large.LoopAllocatedBytes - small.LoopAllocatedBytes;
        Assert.True(extraBytes < 8 * extraRequests, $"{small.LoopAllocatedBytes} then {large.LoopAllocatedBytes} bytes for {extraRequests} more requests");
    }
}
