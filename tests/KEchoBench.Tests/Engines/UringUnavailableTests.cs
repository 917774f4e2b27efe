using System.Net;
using System.Net.Sockets;
using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Cli;
using KEchoBench.Bench.Reports;
using KEchoBench.Servers;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Engines;
using KEchoBench.Tests.Comparison;
using Xunit;

namespace KEchoBench.Tests.Engines;

/// <summary>
/// The uring engine where io_uring cannot be used. Each failure is made to happen the way the
/// kernel reports it (io_uring_setup's errno and /proc/sys/kernel/io_uring_disabled, through an
/// injected probe), on this machine where io_uring works: the message must say which failure it
/// is; <c>serve</c> must exit 2 with it; <c>bench</c> must leave the engine out and say why.
/// </summary>
[Collection(nameof(EngineRegistrationCollection))]
public sealed class UringUnavailableTests
{
    private const string Simulated = "uring-simulated";

    [Theory]
    [InlineData(Interop.Errno.ENOSYS, null, "io_uring is missing", "ENOSYS")]
    [InlineData(Interop.Errno.EPERM, "2\n", "disabled on this machine", "io_uring_disabled is 2")]
    [InlineData(Interop.Errno.EPERM, "1\n", "restricted on this machine", "io_uring_group")]
    [InlineData(Interop.Errno.EPERM, "0\n", "seccomp filter", "is 0")]
    [InlineData(Interop.Errno.EPERM, null, "seccomp filter", "is absent")]
    [InlineData(Interop.Errno.EINVAL, "0\n", "too old", "DEFER_TASKRUN")]
    [InlineData(Interop.Errno.ENOMEM, "0\n", "ENOMEM", "ulimit -l")]
    public void TheProbeSaysWhichFailureItIs(int errno, string? disabledSetting, string what, string detail)
    {
        string? reason = new IoUringProbe(() => errno, () => disabledSetting).Unavailable();
        Assert.NotNull(reason);
        Assert.Contains(what, reason, StringComparison.Ordinal);
        Assert.Contains(detail, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheProbeFindsIoUringOnThisMachine()
    {
        // The premise (kernel 6.18, io_uring_disabled 0): if this fails, the machine changed,
        // and the message says how.
        Assert.Null(IoUringProbe.SystemUnavailable());
        Assert.Null(new IoUringProbe(() => 0, () => "2").Unavailable());
    }

    [Fact]
    public async Task StartingWithoutIoUringThrowsWhyAndFreesThePort()
    {
        var probe = new IoUringProbe(() => Interop.Errno.EPERM, () => "2");
        await using var engine = new UringEngine(new EngineOptions { Port = 0 }, null, probe);
        var error = Assert.Throws<IoUringUnavailableException>(engine.Start);
        Assert.Contains("uring engine cannot run here", error.Message, StringComparison.Ordinal);
        Assert.Contains("io_uring_disabled is 2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Interop.Errno.ENOSYS, "io_uring is missing")]
    [InlineData(Interop.Errno.EPERM, "io_uring is forbidden for this process")]
    public async Task ServeExitsTwoSayingWhy(int errno, string what)
    {
        var probe = new IoUringProbe(() => errno, () => "0");
        var descriptor = new EngineDescriptor(Simulated, "uring with a failing probe", "none", "#8c564b", (o, l) => new UringEngine(o, l, probe), probe.Unavailable);
        using (EngineRegistry.Register(descriptor))
        {
            int port = FreePort();
            var output = new StringWriter();
            var error = new StringWriter();
            int code = await CommandLine.RunAsync(["serve", "--engine", Simulated, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], output, error);
            Assert.Equal(2, code);
            Assert.Contains("kechobench serve: the uring engine cannot run here: " + what, error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("listening on", output.ToString(), StringComparison.Ordinal);

            // Nothing was left listening: the port binds again.
            using var again = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            again.Bind(new IPEndPoint(IPAddress.Loopback, port));
        }
    }

    [Fact]
    public void BenchLeavesAnUnavailableEngineOutWithItsReasonAndRunsTheRest()
    {
        var probe = new IoUringProbe(() => Interop.Errno.EPERM, () => "2");
        var descriptor = new EngineDescriptor(Simulated, "uring with a failing probe", "none", "#8c564b", (o, l) => new UringEngine(o, l, probe), probe.Unavailable);
        using (EngineRegistry.Register(descriptor))
        {
            var (run, leftOut) = EngineAvailability.Partition(["thread", Simulated, "uring", "external:127.0.0.1:7"]);
            Assert.Equal(["thread", "uring", "external:127.0.0.1:7"], run);
            Assert.Equal([Simulated], leftOut.Keys);
            Assert.Contains("io_uring_disabled is 2", leftOut[Simulated], StringComparison.Ordinal);

            // The reason reaches the report: summary.md says which engine was left out and why.
            var result = SyntheticRuns.Run(seed: 5, engines: ["thread"]) with { LeftOutEngines = leftOut };
            string folder = Directory.CreateTempSubdirectory("kechobench-leftout-").FullName;
            try
            {
                string written = SyntheticRuns.WriteRun(result, folder);
                var stored = KEchoBench.Bench.Results.RunResultStore.Read(written);
                Assert.Equal(leftOut[Simulated], stored.LeftOutEngines[Simulated]);
                string summary = MarkdownSummary.Render(ReportWriter.Build(stored, written));
                Assert.Contains($"Engine `{Simulated}` left out: {leftOut[Simulated]}", summary, StringComparison.Ordinal);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
