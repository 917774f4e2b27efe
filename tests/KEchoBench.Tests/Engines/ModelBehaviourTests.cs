using System.Diagnostics;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Engines;
using KEchoBench.Tests.Support;
using Xunit;

namespace KEchoBench.Tests.Engines;

/// <summary>
/// What makes the models differ, asserted as counts: which sessions get served while others hold
/// their workers (or, on cmwq, while an echo waits for a slow reader), and how many threads idle
/// connections cost.
/// </summary>
[Collection(nameof(ThreadCountingCollection))]
public sealed class ModelBehaviourTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WorkqueueClientsWaitWhileEveryWorkerIsHeldBySessions()
    {
        // One worker: a connected, idle telnet user holds it, as a kecho work item would.
        await using var engine = new WorkqueueEngine(new EngineOptions { Port = 0, Workers = 1 });
        engine.Start();
        using var cts = new CancellationTokenSource(TestTimeout);
        var holder = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token);
        Assert.Equal("hold"u8.ToArray(), await holder.EchoAsync("hold"u8.ToArray(), cts.Token));

        using var waiting = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token);
        await waiting.SendAsync("anyone?"u8.ToArray(), cts.Token);
        await Eventually.TrueAsync(() => engine.Queued == 1, "the second session queued");
        var echo = waiting.ReceiveExactlyAsync(7, cts.Token);

        // The queued session gets nothing while the worker is held (its bytes were received by
        // the kernel, not by the server) ...
        await Eventually.StableAsync(() => engine.Statistics.BytesReceived);
        Assert.False(echo.IsCompleted);
        Assert.Equal(4, engine.Statistics.BytesReceived);

        // ... and is served the moment the holder leaves.
        holder.Dispose();
        Assert.Equal("anyone?"u8.ToArray(), await echo);
    }

    [Fact]
    public async Task OnCmwqAnEchoWaitingForASlowReaderHoldsNoExecutor()
    {
        // One executor: if the echo to a client that never reads held it, nobody else would be served.
        await using var engine = new CmwqEngine(new EngineOptions { Port = 0, MaxActive = 1 });
        engine.Start();
        using var cts = new CancellationTokenSource(TestTimeout);
        using var hog = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token, socketBufferSize: 64 * 1024);
        using var stopWriting = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        var writing = hog.SendAsync(Payloads.Random(8 * 1024 * 1024, seed: 5), stopWriting.Token);
        await Eventually.StableAsync(() => engine.Statistics.BytesReceived);
        Assert.False(writing.IsCompleted, "the non-reading client's 8 MiB fitted into socket buffers");
        Assert.Equal(0, engine.WorkItemsRunning);

        using var other = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token);
        for (int i = 0; i < 20; i++)
        {
            byte[] message = [(byte)i, 1, 2, 3];
            Assert.Equal(message, await other.EchoAsync(message, cts.Token));
        }

        hog.Reset();
        await stopWriting.CancelAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => writing);
    }

    [Fact]
    public async Task IdleConnectionsHoldAThreadEachOnTheThreadEngineAndNoneOnCmwq()
    {
        const int idle = 150;
        // The thread engine's session threads by name: the process's own count also moves when the
        // runtime retires an idle pool thread meanwhile (seen: 149 for 150 on a loaded machine).
        int threadEngineGrowth = await ThreadGrowthWithIdleClients("thread", idle, SessionThreads);
        int cmwqGrowth = await ThreadGrowthWithIdleClients("cmwq", idle, CurrentThreads);

        Assert.True(threadEngineGrowth >= idle, $"thread engine grew by {threadEngineGrowth} threads for {idle} idle clients");
        Assert.True(cmwqGrowth < idle / 5, $"cmwq grew by {cmwqGrowth} threads for {idle} idle clients");
    }

    private static async Task<int> ThreadGrowthWithIdleClients(string engineName, int clients, Func<int> countThreads)
    {
        await using var engine = EngineRegistry.Create(engineName, new EngineOptions { Port = 0, Backlog = 512 });
        engine.Start();
        using var cts = new CancellationTokenSource(TestTimeout);
        int before = countThreads();
        var connections = new List<EchoClient>();
        for (int i = 0; i < clients; i++)
        {
            var client = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token);
            await client.EchoAsync([(byte)i], cts.Token);
            connections.Add(client);
        }

        int after = countThreads();
        foreach (var c in connections)
        {
            c.Dispose();
        }

        return after - before;
    }

    /// <summary>Threads of this process named as the thread engine names its sessions' (Linux: /proc/self/task/*/comm).</summary>
    private static int SessionThreads() =>
        Directory.EnumerateDirectories("/proc/self/task").Count(task =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(task, "comm")).Trim() == ThreadEngine.SessionThreadName;
            }
            catch (IOException)
            {
                return false; // the thread ended while we looked
            }
        });

    private static int CurrentThreads()
    {
        using var self = Process.GetCurrentProcess();
        return self.Threads.Count;
    }
}

/// <summary>Thread counts are process-wide: these tests do not run beside each other.</summary>
[CollectionDefinition(nameof(ThreadCountingCollection), DisableParallelization = true)]
public sealed class ThreadCountingCollection;
