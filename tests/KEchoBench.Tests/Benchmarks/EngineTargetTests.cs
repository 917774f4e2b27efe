using KEchoBench.Bench.Benchmarks.Running;
using Xunit;
using KEchoBench.Bench.Benchmarks.ServersUnderTest;
using KEchoBench.Bench.Processes;

namespace KEchoBench.Tests.Benchmarks;

public sealed class EngineTargetTests
{
    [Theory]
    [InlineData("thread")]
    [InlineData("CMWQ")]
    public void Built_in_engines_are_accepted_by_name(string text)
    {
        Assert.True(EngineTarget.TryParse(text, out var target, out _));
        Assert.False(target.IsExternal);
        Assert.Equal(text.ToLowerInvariant(), target.Name);
    }

    [Fact]
    public void External_engine_carries_its_end_point()
    {
        Assert.True(EngineTarget.TryParse("external:127.0.0.1:12345", out var target, out _));
        Assert.True(target.IsExternal);
        Assert.Equal("127.0.0.1:12345", target.External!.ToString());
    }

    [Fact]
    public void External_engine_may_name_its_process_which_stays_out_of_its_name()
    {
        Assert.True(EngineTarget.TryParse("external:127.0.0.1:7003@4242", out var target, out _));
        Assert.Equal("external:127.0.0.1:7003", target.Name);
        Assert.Equal(4242, target.Pid);
        Assert.Equal(7003, target.External!.Port);
    }

    [Theory]
    [InlineData("external:127.0.0.1:7003@", "@PID")]
    [InlineData("external:127.0.0.1:7003@0", "@PID")]
    [InlineData("threads", "unknown engine")]
    [InlineData("external:127.0.0.1", "HOST:PORT")]
    [InlineData("external:127.0.0.1:0", "HOST:PORT")]
    [InlineData("external:127.0.0.1:70000", "HOST:PORT")]
    [InlineData("external:example.org:80", "not an IP address")]
    public void Bad_engines_are_refused_with_a_reason(string text, string reason)
    {
        Assert.False(EngineTarget.TryParse(text, out _, out string error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
