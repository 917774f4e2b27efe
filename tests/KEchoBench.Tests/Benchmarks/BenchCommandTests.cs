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
