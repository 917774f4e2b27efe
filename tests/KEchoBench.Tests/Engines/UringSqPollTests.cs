using System.Globalization;
using System.Net;
using System.Net.Sockets;
using KEchoBench.Bench.Cli;
using KEchoBench.Servers;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Engines;
using KEchoBench.Tests.Support;
using Xunit;

namespace KEchoBench.Tests.Engines;

/// <summary>
/// The uring engine's <c>--sqpoll</c>: that it starts a kernel submission thread per ring (and none
/// without it), that the loop wakes the thread once it has gone to sleep, and what happens where the
/// kernel refuses one, made to happen through an injected probe on this machine, where it does not.
/// (The whole conformance suite runs with it too: <c>UringSqPollEngineConformance</c>.)
/// </summary>
[Collection(nameof(EngineRegistrationCollection))]
public sealed class UringSqPollTests
{
    private const string Simulated = "uring-sqpoll-simulated";

    [Theory]
    [InlineData(Interop.Errno.EPERM, "EPERM", "CAP_SYS_ADMIN")]
    [InlineData(Interop.Errno.EINVAL, "EINVAL", "SINGLE_ISSUER")]
    [InlineData(Interop.Errno.EOPNOTSUPP, "IORING_FEAT_SQPOLL_NONFIXED", "5.11")]
    [InlineData(Interop.Errno.ENOMEM, "ENOMEM", "ulimit -l")]
    [InlineData(Interop.Errno.EBUSY, "errno 16", "busy")]
    public void TheProbeSaysWhyTheKernelRefuses(int errno, string what, string detail)
    {
        string? reason = new SqPollProbe(() => errno).Unavailable();
        Assert.NotNull(reason);
        Assert.Contains("IORING_SETUP_SQPOLL", reason, StringComparison.Ordinal);
        Assert.Contains(what, reason, StringComparison.Ordinal);
        Assert.Contains(detail, reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TheKernelHereTakesASubmissionThread()
    {
        Assert.Null(SqPollProbe.SystemUnavailable());
        Assert.Null(new SqPollProbe(() => 0).Unavailable());
    }

    [Fact]
    public async Task StartingWithSqPollWhereTheKernelRefusesThrowsWhyAndFreesThePort()
    {
        int port = FreePort();
        var refusing = new SqPollProbe(() => Interop.Errno.EPERM);
        await using (var engine = new UringEngine(new EngineOptions { Port = port, SqPoll = true }, null, probe: null, refusing))
        {
            var error = Assert.Throws<IoUringUnavailableException>(engine.Start);
            Assert.Contains("the uring engine cannot run with --sqpoll here: the kernel refuses IORING_SETUP_SQPOLL", error.Message, StringComparison.Ordinal);
            Assert.Contains("run without --sqpoll", error.Message, StringComparison.Ordinal);
        }

        using var again = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        again.Bind(new IPEndPoint(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task WithoutSqPollTheProbeIsNotAskedAndTheEngineRuns()
    {
        int asked = 0;
        var refusing = new SqPollProbe(() =>
        {
            asked++;
            return Interop.Errno.EPERM;
        });
        await using var engine = new UringEngine(new EngineOptions { Port = 0 }, null, probe: null, refusing);
        engine.Start();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var client = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token);
        Assert.Equal("plain\n"u8.ToArray(), await client.EchoAsync("plain\n"u8.ToArray(), cts.Token));
        Assert.Equal(0, asked);
    }

    [Fact]
    public async Task ServeExitsTwoSayingTheKernelRefusesSqPoll()
    {
        var refusing = new SqPollProbe(() => Interop.Errno.EPERM);
        var descriptor = new EngineDescriptor(Simulated, "uring whose kernel refuses SQPOLL", "none", "#8c564b", (o, l) => new UringEngine(o, l, probe: null, refusing)) { TakesSqPoll = true };
        using (EngineRegistry.Register(descriptor))
        {
            int port = FreePort();
            var output = new StringWriter();
            var error = new StringWriter();
            int code = await CommandLine.RunAsync(["serve", "--engine", Simulated, "--sqpoll", "--port", port.ToString(CultureInfo.InvariantCulture)], output, error);
            Assert.Equal(ExitCodes.Usage, code);
            Assert.Contains("kechobench serve: the uring engine cannot run with --sqpoll here: the kernel refuses IORING_SETUP_SQPOLL: io_uring_setup failed with EPERM", error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("listening on", output.ToString(), StringComparison.Ordinal);

            using var again = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            again.Bind(new IPEndPoint(IPAddress.Loopback, port));
        }
    }

    [Theory]
    [InlineData(false, 2, 0)]
    [InlineData(true, 2, 2)]
    public async Task ServeStartsOneSubmissionThreadPerRingOnlyWithSqPoll(bool sqPoll, int loops, int expected)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string[] options = sqPoll ? ["--workers", loops.ToString(CultureInfo.InvariantCulture), "--sqpoll"] : ["--workers", loops.ToString(CultureInfo.InvariantCulture)];
        using var server = await ServedEngine.StartAsync("uring", 4096, cts.Token, options);
        using var client = await EchoClient.ConnectAsync(server.EndPoint, cts.Token);
        Assert.Equal("threads\n"u8.ToArray(), await client.EchoAsync("threads\n"u8.ToArray(), cts.Token));

        // The kernel names a ring's submission thread iou-sqp-PID, in the server's own thread group.
        int submissionThreads = Directory.GetDirectories($"/proc/{server.Pid}/task")
            .Count(task => File.ReadAllText(Path.Combine(task, "comm")).StartsWith("iou-sqp-", StringComparison.Ordinal));
        Assert.Equal(expected, submissionThreads);
        client.Dispose();
        var (exitCode, _, errors) = await server.StopAsync(cts.Token);
        Assert.True(exitCode == 0, errors);
    }

    [Fact]
    public async Task EchoesAfterTheSubmissionThreadHasSleptStillCome()
    {
        // The thread sleeps after 1 ms without work; every echo here is submitted after a longer
        // pause, so each one is taken only if the loop wakes the thread (a send left in the queue
        // would never complete and the client would wait out its timeout).
        await using var engine = EngineRegistry.Create("uring", new EngineOptions { Port = 0, SqPoll = true });
        engine.Start();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var client = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token);
        for (int i = 0; i < 20; i++)
        {
            await Task.Delay(20, cts.Token);
            using var each = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
            each.CancelAfter(TimeSpan.FromSeconds(2));
            byte[] message = Payloads.Random(64 + i, seed: i);
            Assert.Equal(message, await client.EchoAsync(message, each.Token));
        }

        // And a connection that arrives while the thread sleeps is accepted and served.
        await Task.Delay(20, cts.Token);
        using var late = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token);
        Assert.Equal("late\n"u8.ToArray(), await late.EchoAsync("late\n"u8.ToArray(), cts.Token));
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
