using HdrHistogram;
using KEchoBench.Bench.Cli;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Cli.LoadOutput;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Engines;
using Xunit;

namespace KEchoBench.Tests.Load;

/// <summary>
/// Closed-loop clients hang up after their last echo, as the study's telnet clients do: each round
/// opens new connections, times their connects apart from the round trips, and a server that
/// serves one session per worker serves everyone in turn. <c>--keep-open</c> keeps them instead.
/// </summary>
public sealed class HangUpTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kechobench-hangup-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Each_round_opens_new_connections_and_closes_them_all()
    {
        var engine = LoadTestSettings.StartEngine();
        await using var _ = engine;
        using var session = await LoadSession.OpenAsync(LoadTestSettings.Small(engine.LocalEndPoint));
        Assert.Equal(0, engine.Statistics.Snapshot().Accepted); // nothing is opened before a round

        for (int round = 0; round < 3; round++)
        {
            var result = await session.RunRoundAsync(round, 50, null);
            Assert.Equal(4 * 50, result.Requests);
            Assert.Equal(0, result.ErrorCount);
            Assert.Equal(4, result.ClientsServed);
            Assert.Equal(0, result.ClientsFailed);
            Assert.Equal(4, result.Connect!.TotalCount);
            Assert.Equal((round + 1) * 4, engine.Statistics.Snapshot().Accepted);
            await WaitUntilAsync(() => engine.Statistics.Snapshot().Active == 0); // the server saw every client leave
        }
    }

    [Fact]
    public async Task A_one_worker_workqueue_serves_every_client_in_turn_because_each_hangs_up_after_its_last_echo()
    {
        // One worker holds a session until its client leaves: had the first client stayed
        // connected until the round ended, the others would never be answered.
        var engine = EngineRegistry.Create("workqueue", new EngineOptions { Port = 0, Workers = 1 });
        engine.Start();
        await using var _ = engine;
        var settings = LoadTestSettings.Small(engine.LocalEndPoint) with { Clients = 5, Requests = 20, Rounds = 2 };

        var report = await LoadGenerator.RunAsync(settings);

        Assert.False(report.HasErrors, string.Join(", ", report.ErrorsByName));
        Assert.Equal(2 * 5 * 20, report.Requests);
        Assert.Equal(2 * 5, report.ClientsServed);
        Assert.Equal(2 * 5, engine.Statistics.Snapshot().Accepted);
    }

    [Fact]
    public async Task Connects_are_counted_apart_from_round_trips_and_fall_inside_the_round()
    {
        var engine = LoadTestSettings.StartEngine("eventloop");
        await using var _ = engine;
        var settings = LoadTestSettings.Small(engine.LocalEndPoint) with { Clients = 6, Requests = 10, Rounds = 3, Threads = 2 };

        var report = await LoadGenerator.RunAsync(settings);

        Assert.False(report.HasErrors, string.Join(", ", report.ErrorsByName));
        Assert.Equal(3 * 6, report.Connect!.TotalCount);          // one connect per client per round
        Assert.Equal(3 * 6 * 10, report.Latency.TotalCount);       // round trips only
        foreach (var round in report.Rounds)
        {
            Assert.Equal(6, round.Connect!.TotalCount);
            Assert.True(round.Connect.GetMaxValue() <= round.Elapsed.Ticks * 100, "a connect lies inside its round");
            var iteration = round.ToIterationResult();
            Assert.Equal(6, iteration.Connect!.Count);
            Assert.Equal(6, iteration.ClientsServed);
        }
    }

    [Fact]
    public async Task A_round_with_a_minimum_duration_repeats_the_whole_test_with_new_connections()
    {
        var engine = LoadTestSettings.StartEngine();
        await using var _ = engine;
        var settings = LoadTestSettings.Small(engine.LocalEndPoint) with { Clients = 2, Requests = 5, MinRoundDuration = TimeSpan.FromMilliseconds(100) };
        using var session = await LoadSession.OpenAsync(settings);

        var round = await session.RunRoundAsync(0, settings.Requests, null);

        Assert.True(round.Elapsed >= TimeSpan.FromMilliseconds(100), $"the round lasted {round.Elapsed}");
        Assert.True(round.Repeats >= 1);
        Assert.Equal(0, round.ErrorCount);
        Assert.Equal(round.Repeats * 2 * 5, round.Requests);         // whole tests only
        Assert.Equal(round.Repeats * 2, round.Connect!.TotalCount);  // every test connects anew
        Assert.Equal(round.Repeats * 2, round.ClientsServed);
        Assert.Equal(round.Repeats * 2, engine.Statistics.Snapshot().Accepted);
        Assert.Equal(2, session.ConnectionsEstablished);             // never more than the clients at once
    }

    [Fact]
    public async Task Keep_open_connects_once_for_every_round_and_times_no_connect()
    {
        var engine = LoadTestSettings.StartEngine();
        await using var _ = engine;
        string json = Path.Combine(_directory, "keep-open.json");

        int exit = await CommandLine.RunAsync(
            ["load", "--port", engine.LocalEndPoint.Port.ToString(), "--clients", "3", "--requests", "30", "--rounds", "3", "--keep-open", "--json", json],
            new StringWriter(),
            new StringWriter());

        Assert.Equal(ExitCodes.Success, exit);
        var document = LoadDocumentStore.Read(json);
        Assert.True(document.Settings.KeepOpen);
        Assert.Null(document.Connect);
        Assert.Equal(3 * 3 * 30, document.Overall.Requests);
        Assert.Equal(3, engine.Statistics.Snapshot().Accepted); // the same three connections all along
    }

    [Fact]
    public async Task Keep_open_is_refused_outside_the_closed_loop_naming_the_option()
    {
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["load", "--mode", "burst", "--keep-open", "--port", LoadTestSettings.FreePort().ToString()], new StringWriter(), error);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--keep-open", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "the condition did not come true within 2 s");
    }
}
