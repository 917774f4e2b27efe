using System.Net.Sockets;
using System.Text;
using KEchoBench.Bench.Attribution;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Processes;
using KEchoBench.Servers.Statistics;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace KEchoBench.Tests.Attribution;

/// <summary>
/// The server's runtime counters endpoint and the load generator's reader: the socket is the
/// owner's only and gone after the stop; a server without one, or one that answers something
/// else, gives a reason instead of figures; and end to end the counters tell the models apart
/// (cmwq hands every echo to the ThreadPool, the eventloop runs its own loop).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RuntimeCounterEndpointTests
{
    [Fact]
    public void The_endpoint_answers_every_read_on_one_connection_is_the_owner_s_only_and_is_removed_at_the_stop()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kechobench-runtime-test-{Guid.NewGuid():N}.sock");
        RuntimeCounterClient? client = null;
        using (RuntimeCountersEndpoint.Open(NullLogger.Instance, path))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            client = RuntimeCounterClient.Connect(path, out string? refused);
            Assert.Null(refused);
            var first = client!.Read(out string? absent);
            Assert.Null(absent);
            Assert.NotNull(first);
            for (int i = 0; i < 20; i++)
            {
                var next = client.Read(out absent);
                Assert.Null(absent);
                Assert.True(next!.WorkItemsCompleted >= first!.WorkItemsCompleted);
            }

            Assert.NotNull(RuntimeCounterClient.ReadOnce(path, out _));
        }

        // The stop ends the connection that was still open, and the file.
        Assert.Null(client.Read(out string? ended));
        Assert.Contains("did not answer", ended, StringComparison.Ordinal);
        client.Dispose();
        Assert.False(File.Exists(path));
        Assert.Null(RuntimeCounterClient.ReadOnce(path, out string? gone));
        Assert.Equal(RuntimeCounterClient.NoEndpoint, gone);
    }

    [Fact]
    public async Task Readers_beyond_the_limit_are_closed_and_the_ones_admitted_are_still_served()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kechobench-runtime-test-{Guid.NewGuid():N}.sock");
        using var endpoint = RuntimeCountersEndpoint.Open(NullLogger.Instance, path);
        var clients = new List<RuntimeCounterClient>();
        try
        {
            for (int i = 0; i < RuntimeCountersEndpoint.MaxClients + 3; i++)
            {
                clients.Add(RuntimeCounterClient.Connect(path, out _)!);
                await Task.Delay(20); // the endpoint admits one at a time
            }

            var answers = clients.Select(c => c.Read(out _) is not null).ToList();
            Assert.Equal(RuntimeCountersEndpoint.MaxClients, answers.Count(a => a));
            Assert.All(answers.Take(RuntimeCountersEndpoint.MaxClients), Assert.True);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public void A_process_that_is_not_a_kechobench_server_has_no_counters_and_says_why()
    {
        Assert.Null(RuntimeCounterClient.Connect(1, out string? absent));
        Assert.Equal(RuntimeCounterClient.NoEndpoint, absent);
    }

    [Fact]
    public async Task An_endpoint_that_answers_something_else_or_nothing_gives_a_reason_not_figures()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kechobench-runtime-test-{Guid.NewGuid():N}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(4);
        try
        {
            var answering = Task.Run(async () =>
            {
                // Like an endpoint of something else: it takes the request, answers its own line.
                using var client = await listener.AcceptAsync();
                await client.ReceiveAsync(new byte[16]);
                await client.SendAsync(Encoding.ASCII.GetBytes("hello there\n"));
            });
            var (counters, why) = await Task.Run(() => (RuntimeCounterClient.ReadOnce(path, out string? reason), reason));
            await answering;
            Assert.Null(counters);
            Assert.Contains("'hello there', not runtime counters", why, StringComparison.Ordinal);

            // Accepted by the kernel's backlog, never answered: the reader gives up after a second.
            Assert.Null(RuntimeCounterClient.ReadOnce(path, out string? silent));
            Assert.Contains("did not answer", silent, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Cmwq_completes_a_work_item_per_request_and_the_eventloop_almost_none()
    {
        var cmwq = await RuntimeOf("cmwq");
        var eventloop = await RuntimeOf("eventloop");

        // One work item per echo, fewer when one drains several queued chunks (0.76 per request at
        // 1000 clients in the reference quick run): half is far above the eventloop's bound.
        Assert.True(cmwq.WorkItemsCompleted >= 0.5 * Requests, $"cmwq completed {cmwq.WorkItemsCompleted} work items for {Requests} requests");
        Assert.True(eventloop.WorkItemsCompleted < 0.1 * Requests, $"the eventloop completed {eventloop.WorkItemsCompleted} work items for {Requests} requests");
        Assert.True(cmwq.Samples >= 2 && eventloop.Samples >= 2, $"read {cmwq.Samples} and {eventloop.Samples} times");
    }

    [Fact]
    public async Task A_server_that_is_not_kechobench_s_has_a_round_without_runtime_figures_and_the_reason()
    {
        // This test process stands in for "your own server": it echoes through an engine, but has
        // no endpoint under its own process id.
        await using var server = await ServerProcess.StartAsync("eventloop", [], TimeSpan.FromSeconds(30));
        var round = await RoundAsync(server, Environment.ProcessId);
        Assert.Null(round.Attribution!.Runtime);
        Assert.Equal(RuntimeCounterClient.NoEndpoint, round.Attribution.RuntimeAbsent);
    }

    private const int Requests = 2000;

    private static async Task<KEchoBench.Bench.Results.RuntimeMoved> RuntimeOf(string engine)
    {
        await using var server = await ServerProcess.StartAsync(engine, [], TimeSpan.FromSeconds(30));
        var round = await RoundAsync(server, server.Pid);
        Assert.Null(round.Attribution!.RuntimeAbsent);
        return round.Attribution.Runtime ?? throw new InvalidOperationException("no runtime figures");
    }

    private static async Task<LoadRound> RoundAsync(ServerProcess server, int pid)
    {
        var report = await LoadGenerator.RunAsync(new LoadSettings
        {
            Target = server.EndPoint,
            Mode = LoadMode.Closed,
            Clients = 10,
            Requests = Requests / 10,
            KeepOpen = true,
            Timeout = TimeSpan.FromSeconds(20),
            ServerPid = pid,
        });
        Assert.False(report.HasErrors, string.Join(", ", report.ErrorsByName));
        var round = report.Rounds.Single();
        Assert.Equal(Requests, round.Requests);
        return round;
    }
}
