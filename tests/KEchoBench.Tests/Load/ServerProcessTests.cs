using KEchoBench.Bench.Cli;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Cli.LoadOutput;
using KEchoBench.Bench.Processes;
using Xunit;

namespace KEchoBench.Tests.Load;

/// <summary>The server as a child process: started on an ephemeral port, sampled from /proc, stopped with SIGTERM, exit code 0.</summary>
public sealed class ServerProcessTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kechobench-load-").FullName;

    [Fact]
    public async Task A_spawned_server_reports_its_port_is_sampled_and_stops_cleanly_on_sigterm()
    {
        var server = await ServerProcess.StartAsync("eventloop", ["--workers", "1"], TimeSpan.FromSeconds(30));
        await using var _ = server;

        Assert.NotEqual(0, server.EndPoint.Port);
        var before = server.Sample();
        Assert.NotNull(before);
        Assert.True(before.Threads > 0);
        Assert.True(before.RssBytes > 0);

        // A timed round, long enough for the server's CPU clock (CpuFigureRule): its figure is there.
        var report = await LoadGenerator.RunAsync(LoadTestSettings.Small(server.EndPoint) with { ServerPid = server.Pid, Duration = TimeSpan.FromMilliseconds(200) });
        Assert.False(report.HasErrors, string.Join(", ", report.ErrorsByName));
        Assert.True(report.Overall().ServerThreads > 0);
        Assert.True(report.Overall().ServerCpuUsPerRequest > 0, report.Overall().ServerCpuAbsent);

        var exit = await server.StopAsync(TimeSpan.FromSeconds(15));
        Assert.True(exit.Clean, $"exit {exit.ExitCode}: {exit.ErrorOutput}");
        Assert.StartsWith("stopped (SIGTERM) engine=eventloop", exit.LastOutput);
        Assert.Null(ProcFs.Sample(server.Pid));
    }

    [Fact]
    public async Task A_spawned_server_reports_the_bytes_it_allocated_on_request_and_still_stops_cleanly()
    {
        var server = await ServerProcess.StartAsync("cmwq", [], TimeSpan.FromSeconds(30));
        await using var _ = server;
        Assert.True(server.ReportsAllocations, "the ready line announces the SIGUSR1 report");

        long? first = await server.AllocatedBytesAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(first);
        Assert.True(first > 0);

        // 4 connections echo: they allocate (the sessions), so the count grows and never falls.
        var report = await LoadGenerator.RunAsync(LoadTestSettings.Small(server.EndPoint));
        Assert.False(report.HasErrors, string.Join(", ", report.ErrorsByName));
        long? second = await server.AllocatedBytesAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(second);
        Assert.True(second > first, $"{second} after {first}");

        var exit = await server.StopAsync(TimeSpan.FromSeconds(15));
        Assert.True(exit.Clean, $"exit {exit.ExitCode}: {exit.ErrorOutput}");
        Assert.StartsWith("stopped (SIGTERM) engine=cmwq", exit.LastOutput);
        Assert.Null(await server.AllocatedBytesAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task An_unknown_engine_fails_to_start_with_the_servers_own_message()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync("nosuch", [], TimeSpan.FromSeconds(30)));

        Assert.Contains("unknown engine", error.Message);
    }

    [Fact]
    public async Task Load_spawn_attributes_cpu_to_the_server_and_checks_its_exit()
    {
        string json = Path.Combine(_directory, "spawn.json");
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["load", "--spawn", "cmwq", "--max-active", "8", "--clients", "4", "--duration", "200ms", "--json", json], new StringWriter(), error);

        Assert.True(exit == ExitCodes.Success, error.ToString());
        var document = LoadDocumentStore.Read(json);
        Assert.Equal("cmwq", document.Server!.Engine);
        Assert.Equal(0, document.Server.ExitCode);
        Assert.Equal("--max-active 8", document.Server.Arguments);
        Assert.True(document.Overall.ServerCpuPercent > 0, document.Overall.ServerCpuAbsent);
        Assert.Null(document.Overall.ServerCpuAbsent);
        Assert.True(document.Overall.ServerThreads > 0);
        Assert.True(document.Overall.ServerRssBytes > 0);
        Assert.True(document.Overall.Requests > 0);
        Assert.Equal(document.Overall.Requests, document.Overall.Latency.Count);
    }

    [Fact]
    public async Task A_server_pid_given_by_hand_is_sampled_over_each_round()
    {
        // The engine runs in this very process: its pid is the server's.
        var engine = LoadTestSettings.StartEngine();
        await using var _ = engine;
        using var session = await LoadSession.OpenAsync(LoadTestSettings.Small(engine.LocalEndPoint) with { ServerPid = Environment.ProcessId });

        var round = await session.RunRoundAsync(0, 0, TimeSpan.FromMilliseconds(200));
        var iteration = round.ToIterationResult();

        Assert.NotNull(round.ServerWindow);
        Assert.True(iteration.Requests > 0);
        Assert.True(iteration.ServerCpuPercent > 0, iteration.ServerCpuAbsent);
        Assert.True(iteration.ServerThreads > 1);
        Assert.True(iteration.ServerRssBytes > 0);
    }

    [Fact]
    public void The_ready_line_gives_the_endpoint()
    {
        Assert.Equal("127.0.0.1:40123", ServerProcess.ParseEndPoint("listening on 127.0.0.1:40123 engine=cmwq").ToString());
        Assert.Equal("[::1]:5000", ServerProcess.ParseEndPoint("listening on [::1]:5000 engine=thread").ToString());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
