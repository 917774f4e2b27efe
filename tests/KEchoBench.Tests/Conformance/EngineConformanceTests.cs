using System.Net;
using System.Net.Sockets;
using System.Text;
using CsCheck;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Engines;
using KEchoBench.Servers.Statistics;
using KEchoBench.Tests.Support;
using Xunit;

namespace KEchoBench.Tests.Conformance;

/// <summary>
/// The behaviour every engine owes its clients, written once. Each engine has a one-line subclass
/// naming it; <see cref="EngineCoverageTests"/> fails if a registered engine has none, so a new
/// engine is held to all of this the moment it is registered.
/// </summary>
public abstract partial class EngineConformanceTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The registry name of the engine under test.</summary>
    public abstract string EngineName { get; }

    /// <summary>
    /// The options of the variant under test, set on every engine the suite starts (in process), so
    /// that one engine can be held to the suite in each of its modes (uring with <c>--sqpoll</c>).
    /// </summary>
    private protected virtual EngineOptions WithVariant(EngineOptions options) => options;

    /// <summary>The same variant as <c>serve</c> options, for the tests that start the engine as a process.</summary>
    private protected virtual IEnumerable<string> VariantServeOptions => [];

    private protected Engine StartEngine(EngineOptions? options = null)
    {
        var engine = EngineRegistry.Create(EngineName, WithVariant((options ?? new EngineOptions()) with { Port = options?.Port ?? 0 }));
        engine.Start();
        return engine;
    }

    [Fact]
    public async Task RandomBinaryPayloadsCutIntoRandomWritesEchoExactly()
    {
        await using var engine = StartEngine();
        using var cts = new CancellationTokenSource(TestTimeout);
        using var client = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token);
        long total = 0;

        // Each case: a random payload (any byte value, NUL and CR LF included), cut into random
        // writes, read back in random-sized reads. One connection carries every case, so bytes
        // left over from one case would corrupt the next.
        Gen.Select(Gen.Byte.Array[1, 6000], Gen.Int[1, 1500].Array[1, 12], Gen.Int[1, 3000])
            .Sample(
                (payload, cuts, readSize) =>
                {
                    int offset = 0;
                    int cut = 0;
                    while (offset < payload.Length)
                    {
                        int size = Math.Min(cuts[cut++ % cuts.Length], payload.Length - offset);
                        client.SendAsync(payload.AsMemory(offset, size), cts.Token).GetAwaiter().GetResult();
                        offset += size;
                    }

                    byte[] echo = client.ReceiveExactlyAsync(payload.Length, cts.Token, readSize).GetAwaiter().GetResult();
                    Assert.Equal(payload, echo);
                    total += payload.Length;
                },
                iter: 1500,
                threads: 1);

        // Nothing beyond what was sent may follow.
        client.Socket.Shutdown(SocketShutdown.Send);
        byte[] rest = await client.ReceiveToEndAsync(cts.Token);
        Assert.Empty(rest);
        await Eventually.TrueAsync(() => engine.Statistics.Active == 0, "session ended");
        Assert.Equal(total, engine.Statistics.BytesReceived);
        Assert.Equal(total, engine.Statistics.BytesSent);
    }

    [Fact]
    public async Task LargePayloadReachesASlowReaderIntactWithoutUnboundedBuffering()
    {
        // Larger than every socket buffer on the path can hold (the client's are fixed small; the
        // server's may autotune up to a few MiB each), so the writer must stall.
        const int size = 24 * 1024 * 1024;
        var options = new EngineOptions { Port = 0 };
        await using var engine = StartEngine(options);
        using var cts = new CancellationTokenSource(TestTimeout);
        using var client = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token, socketBufferSize: 64 * 1024);
        byte[] payload = Payloads.Random(size, seed: 42);

        var writing = client.SendAsync(payload, cts.Token);

        // Phase 1: read nothing. The server must stop reading once it cannot send, so its intake
        // stalls with at most one buffer's worth of bytes received and not yet sent back.
        long received = await Eventually.StableAsync(() => engine.Statistics.BytesReceived);
        Assert.False(writing.IsCompleted, "the whole payload fitted into socket buffers; the test needs a larger one");
        long heldByServer = received - engine.Statistics.BytesSent;
        Assert.InRange(heldByServer, 0, options.BufferSize);
        Assert.True(received < size);

        // Phase 2: a slow reader (small reads) gets every byte, in order.
        byte[] echo = await client.ReceiveExactlyAsync(size, cts.Token, maxRead: 4096);
        await writing;
        Assert.Equal(payload, echo);
    }

    [Fact]
    public async Task AThousandClientsReleasedAtOnceAllGetTheirOwnBytesBack()
    {
        const int clients = 1000;

        // A backlog of 1024 keeps SYNs from being dropped (and retried a second later) at once.
        await using var engine = StartEngine(new EngineOptions { Port = 0, Backlog = 1024 });
        using var cts = new CancellationTokenSource(TestTimeout);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var runs = Enumerable.Range(0, clients).Select(async i =>
        {
            await start.Task;
            byte[] message = Encoding.ASCII.GetBytes($"Telnet No.{i},Write No0\n");
            using var client = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token);
            byte[] echo = await client.EchoAsync(message, cts.Token);
            return echo.AsSpan().SequenceEqual(message);
        }).ToArray();

        start.SetResult();
        bool[] results = await Task.WhenAll(runs);

        Assert.Equal(clients, results.Count(ok => ok));
        await Eventually.TrueAsync(() => engine.Statistics.Closed == clients, "every session closed");
        Assert.Equal(clients, engine.Statistics.Accepted);
        Assert.Equal(0, engine.Statistics.Snapshot().TotalErrors);
    }

    [Fact]
    public async Task HalfCloseGetsEverythingEchoedThenTheServerCloses()
    {
        await using var engine = StartEngine();
        using var cts = new CancellationTokenSource(TestTimeout);
        using var client = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token);
        byte[] payload = Payloads.Random(100_000, seed: 7);

        await client.SendAsync(payload, cts.Token);
        client.Socket.Shutdown(SocketShutdown.Send);
        byte[] echo = await client.ReceiveToEndAsync(cts.Token);

        Assert.Equal(payload, echo);
        await Eventually.TrueAsync(() => engine.Statistics.Closed == 1, "session closed");
        Assert.Equal(0, engine.Statistics.Snapshot().TotalErrors);
    }

    [Fact]
    public async Task AResetEndsOnlyThatSessionQuietly()
    {
        await using var engine = StartEngine();
        using var cts = new CancellationTokenSource(TestTimeout);
        using var steady = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token);
        var rude = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token);
        Assert.Equal("ping"u8.ToArray(), await steady.EchoAsync("ping"u8.ToArray(), cts.Token));
        Assert.Equal("mid-stream"u8.ToArray(), await rude.EchoAsync("mid-stream"u8.ToArray(), cts.Token));

        // More data in flight, then an abortive close: the server sees a reset mid-stream.
        await rude.SendAsync(Payloads.Random(50_000, seed: 3), cts.Token);
        rude.Reset();

        await Eventually.TrueAsync(() => engine.Statistics.Closed == 1, "the reset session ended");
        for (int i = 0; i < 100; i++)
        {
            byte[] message = Encoding.ASCII.GetBytes($"still here {i}\r\n");
            Assert.Equal(message, await steady.EchoAsync(message, cts.Token));
        }

        Assert.Equal(1, engine.Statistics.Active);
        Assert.Equal(1, engine.Statistics.Errors(ErrorKind.ConnectionReset));
        Assert.Equal(0, engine.Statistics.Errors(ErrorKind.Internal));
    }

    [Fact]
    public async Task TelnetLinesComeBackByteForByteWithTheirLineEndings()
    {
        await using var engine = StartEngine();
        using var cts = new CancellationTokenSource(TestTimeout);
        using var client = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token);
        string[] lines = ["a\r\n", "hello world\r\n", "\r\n", "Telnet No.1,Write No0\n", "tab\there\r\n", "caf\u00e9 \u00fcber\r\n"];
        var sent = new List<byte>();

        foreach (string line in lines)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(line);
            sent.AddRange(bytes);
            Assert.Equal(bytes, await client.EchoAsync(bytes, cts.Token));
        }

        client.Socket.Shutdown(SocketShutdown.Send);
        Assert.Empty(await client.ReceiveToEndAsync(cts.Token));
        Assert.Equal(sent.Count, engine.Statistics.BytesSent);
    }

    [Fact]
    public async Task StopWithAHundredLiveClientsEndsEverySessionAndThePortRebindsAtOnce()
    {
        const int clients = 100;
        var unobserved = new List<Exception>();
        EventHandler<UnobservedTaskExceptionEventArgs> record = (_, e) =>
        {
            lock (unobserved)
            {
                unobserved.Add(e.Exception);
            }
        };
        TaskScheduler.UnobservedTaskException += record;
        var engine = StartEngine(new EngineOptions { Port = 0, Backlog = 256 });
        int port = engine.LocalEndPoint.Port;
        using var cts = new CancellationTokenSource(TestTimeout);
        var connections = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token)));
        await Eventually.TrueAsync(() => engine.Statistics.Accepted == clients, "all clients accepted");

        // Whichever sessions are running are mid-conversation when the stop comes.
        var reads = connections.Select(c => c.ReceiveToEndAsync(cts.Token)).ToArray();
        var outcome = await engine.StopAsync(TimeSpan.FromSeconds(2));

        Assert.True(outcome.WithinDeadline, $"stop took {outcome.Elapsed}; forced {outcome.SessionsForced}");
        Assert.Equal(0, outcome.SessionsForced);
        Assert.Equal(clients, outcome.SessionsInterrupted);
        Assert.Equal(0, engine.Statistics.Active);
        Assert.Equal(clients, engine.Statistics.Closed);
        Assert.Equal(0, engine.Statistics.Errors(ErrorKind.Internal));

        // Every client sees its connection end (orderly or reset), and no byte it did not send.
        foreach (var read in reads)
        {
            try
            {
                Assert.Empty(await read);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
            }
        }

        // kecho could not be reloaded after its crash: the same port must bind immediately.
        await using var again = StartEngine(new EngineOptions { Port = port });
        Assert.Equal(port, again.LocalEndPoint.Port);
        using var client = await EchoClient.ConnectAsync(again.LocalEndPoint, cts.Token);
        Assert.Equal("back\r\n"u8.ToArray(), await client.EchoAsync("back\r\n"u8.ToArray(), cts.Token));

        foreach (var c in connections)
        {
            c.Dispose();
        }

        // No task of the stopped engine may have failed unobserved (finalised tasks report here).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        TaskScheduler.UnobservedTaskException -= record;
        lock (unobserved)
        {
            Assert.DoesNotContain(unobserved, e => e.ToString().Contains("KEchoBench.Servers", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task StatisticsBalanceOnceSessionsEnd()
    {
        const int clients = 20;
        await using var engine = StartEngine();
        using var cts = new CancellationTokenSource(TestTimeout);
        long expected = 0;

        // One after another, so that the bounded-worker engines serve them all.
        for (int i = 0; i < clients; i++)
        {
            using var client = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token);
            byte[] payload = Payloads.Random(1 + (i * 997 % 20_000), seed: i);
            await client.SendAsync(payload, cts.Token);
            client.Socket.Shutdown(SocketShutdown.Send);
            Assert.Equal(payload, await client.ReceiveToEndAsync(cts.Token));
            expected += payload.Length;
        }

        await Eventually.TrueAsync(() => engine.Statistics.Active == 0, "all sessions ended");
        var stats = engine.Statistics.Snapshot();
        Assert.Equal(clients, stats.Accepted);
        Assert.Equal(clients, stats.Closed);
        Assert.Equal(expected, stats.BytesReceived);
        Assert.Equal(stats.BytesReceived, stats.BytesSent);
        Assert.Equal(0, stats.TotalErrors);
    }

    [Fact]
    public async Task ConnectionsBeyondTheLimitAreClosedAndCounted()
    {
        await using var engine = StartEngine(new EngineOptions { Port = 0, MaxConnections = 1 });
        using var cts = new CancellationTokenSource(TestTimeout);
        using var first = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token);
        Assert.Equal("one"u8.ToArray(), await first.EchoAsync("one"u8.ToArray(), cts.Token));

        using var second = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token);
        byte[] rest;
        try
        {
            rest = await second.ReceiveToEndAsync(cts.Token);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            rest = [];
        }

        Assert.Empty(rest);
        Assert.Equal(1, engine.Statistics.Rejected);
        Assert.Equal("still one"u8.ToArray(), await first.EchoAsync("still one"u8.ToArray(), cts.Token));
    }

    [Fact]
    public async Task WorkIsAppliedAndTheEchoStaysExact()
    {
        // The work model changes timing only, never bytes.
        await using var engine = StartEngine(new EngineOptions { Port = 0, Work = WorkModel.Parse("cpu:20us") });
        await using var blocking = StartEngine(new EngineOptions { Port = 0, Work = WorkModel.Parse("block:200us") });
        using var cts = new CancellationTokenSource(TestTimeout);
        foreach (var e in new[] { engine, blocking })
        {
            using var client = await EchoClient.ConnectAsync(e.LocalEndPoint, cts.Token);
            for (int i = 0; i < 20; i++)
            {
                byte[] payload = Payloads.Random(100 + i, seed: i);
                Assert.Equal(payload, await client.EchoAsync(payload, cts.Token));
            }
        }
    }

    [Fact]
    public async Task AStartedEngineReportsItsNameAndBoundEndPoint()
    {
        await using var engine = StartEngine();
        Assert.Equal(EngineName, engine.Name);
        Assert.False(string.IsNullOrWhiteSpace(engine.Description));
        Assert.Equal(IPAddress.Loopback, engine.LocalEndPoint.Address);
        Assert.NotEqual(0, engine.LocalEndPoint.Port);
    }
}
