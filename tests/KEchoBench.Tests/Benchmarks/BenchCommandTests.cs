using KEchoBench.Bench.Cli;
using Xunit;

namespace KEchoBench.Tests.Benchmarks;

/// <summary>Bad usage of <c>kechobench bench</c> exits 2 with a message naming the option, before anything runs.</summary>
public sealed class BenchCommandTests
{
    [Theory]
    [InlineData("--profile|slow", "--profile 'slow'")]
    [InlineData("--scenarios|clients,nap", "--scenarios 'nap'")]
    [InlineData("--engines|thread,fibers", "--engines 'fibers'")]
    [InlineData("--engines|external:127.0.0.1", "--engines 'external:127.0.0.1'")]
    [InlineData("--server-pid|0|--engines|external:127.0.0.1:9", "--server-pid 0")]
    [InlineData("--server-pid|42", "--server-pid 42: only meaningful")]
    [InlineData("--engines|thread,cmwq|--server-pid|1", "--server-pid 1: only meaningful")]
    [InlineData("--server-pid|999999999|--engines|eventloop,external:127.0.0.1:9", "--server-pid 999999999: no such process")]
    [InlineData("--engines|eventloop,external:127.0.0.1:9@999999999", "no such process 999999999")]
    [InlineData("--engines|external:127.0.0.1:9,external:127.0.0.1:10|--server-pid|1", "2 external servers in --engines; name each one's process as external:HOST:PORT[@PID]")]
    [InlineData("--engines|external:127.0.0.1:9@1|--server-pid|1", "already names its process (1)")]
    [InlineData("--engines|external:127.0.0.1:9@node", "external:HOST:PORT[@PID] with PID a process id")]
    [InlineData("--baseline|/nonexistent/results", "--baseline '/nonexistent/results'")]
    [InlineData("--inject-work|eventloop", "--inject-work 'eventloop': expected ENGINE=WORK")]
    [InlineData("--inject-work|fibers=cpu:5us", "--inject-work 'fibers=cpu:5us': expected ENGINE=WORK with ENGINE one of thread")]
    [InlineData("--inject-work|eventloop=cpu", "--inject-work 'eventloop=cpu': 'cpu' is not a work model")]
    [InlineData("--inject-work|eventloop=none", "injecting no work slows nothing")]
    [InlineData("--inject-work|eventloop=cpu:5us,eventloop=block:1ms", "eventloop is given twice")]
    [InlineData("--engines|thread|--inject-work|eventloop=cpu:5us", "--inject-work eventloop=...: eventloop is not among --engines thread")]
    public async Task Bad_usage_exits_2_naming_the_option(string arguments, string message)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int code = await KEchoBench.Bench.Cli.CommandLine.RunAsync(["bench", .. arguments.Split('|')], output, error);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Issue 27: your server beside the models, with its process, in the forms a user writes.</summary>
    [Theory]
    [InlineData("--engines|eventloop,cmwq,external:127.0.0.1:7003|--server-pid|PID", "external:127.0.0.1:7003=PID")]
    [InlineData("--engines|eventloop|--engines|external:127.0.0.1:7003|--server-pid|PID", "external:127.0.0.1:7003=PID")]
    [InlineData("--engines|thread,external:127.0.0.1:7003@PID,external:127.0.0.1:7004@1", "external:127.0.0.1:7003=PID,external:127.0.0.1:7004=1")]
    [InlineData("--engines|external:127.0.0.1:7003@PID,eventloop", "external:127.0.0.1:7003=PID")]
    public void An_external_servers_process_is_taken_beside_built_in_engines(string arguments, string expected)
    {
        string pid = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = BenchCommand.Create().Parse(arguments.Replace("PID", pid, StringComparison.Ordinal).Split('|'));

        Assert.Empty(result.Errors);
        var targets = arguments.Replace("PID", pid, StringComparison.Ordinal).Split('|').Where(a => !a.StartsWith("--", StringComparison.Ordinal))
            .SelectMany(a => a.Split(',')).Select(a => KEchoBench.Bench.Processes.EngineTarget.TryParse(a, out var t, out _) ? t : null).OfType<KEchoBench.Bench.Processes.EngineTarget>().ToList();
        int? serverPid = arguments.Contains("--server-pid", StringComparison.Ordinal) ? Environment.ProcessId : null;
        var pids = BenchOptionSet.ServerPids(targets, serverPid);
        Assert.Equal(expected.Replace("PID", pid, StringComparison.Ordinal), string.Join(",", pids.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));

        // The case names stay HOST:PORT whatever the pid, so runs compare.
        Assert.DoesNotContain(result.GetValue<string[]>("--engines")!, e => e.Contains('@', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Arguments_BenchmarkDotNet_refuses_exit_2_before_anything_runs()
    {
        string root = Path.Combine(Path.GetTempPath(), $"kechobench-never-{Guid.NewGuid():N}");
        var error = new StringWriter();

        int code = await KEchoBench.Bench.Cli.CommandLine.RunAsync(["bench", "--in-process", "--results", root, "--no-such-bdn-option"], new StringWriter(), error);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("BenchmarkDotNet did not accept", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(root));
    }
}
