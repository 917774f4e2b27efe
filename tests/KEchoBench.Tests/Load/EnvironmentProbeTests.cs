using KEchoBench.Bench.Processes;
using KEchoBench.Bench.RunEnvironment;
using Xunit;

namespace KEchoBench.Tests.Load;

public sealed class EnvironmentProbeTests
{
    [Fact]
    public void Capture_describes_this_machine()
    {
        var info = EnvironmentProbe.Capture();

        Assert.Equal(Environment.ProcessorCount, info.Cores);
        Assert.False(string.IsNullOrWhiteSpace(info.CpuModel));
        Assert.StartsWith(".NET", info.DotNet);
        Assert.Contains("workstation", info.GcMode);
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), info.Kernel);
        Assert.Equal(File.ReadAllText("/proc/sys/net/core/somaxconn").Trim(), info.Limits["somaxconn"]);
        Assert.True(info.Limits.ContainsKey("open_files_soft"));
        Assert.All(info.DotNetVariables.Keys, k => Assert.StartsWith("DOTNET_", k));
    }

    [Fact]
    public void The_open_file_limit_is_raised_to_the_hard_limit_or_the_shortfall_is_said()
    {
        var (soft, hard) = OpenFileLimit.Get();
        Assert.True(soft > 0 && soft <= hard);

        Assert.Null(OpenFileLimit.EnsureAtLeast((long)Math.Min(soft, 1000)));
        if (hard < long.MaxValue)
        {
            Assert.Null(OpenFileLimit.EnsureAtLeast((long)hard));
            Assert.Equal(hard, OpenFileLimit.Get().Soft);
            Assert.Contains("open-file limit", OpenFileLimit.EnsureAtLeast((long)hard + 1));
        }
    }

    [Fact]
    public void The_current_process_uses_cpu_and_proc_agrees()
    {
        var cpu = ProcessCpu.Now();
        var sample = ProcFs.Sample(Environment.ProcessId);

        Assert.NotNull(sample);
        Assert.True(cpu > TimeSpan.Zero);
        Assert.True(sample.Threads >= 1);

        // /proc counts in clock ticks (10 ms): the two agree to within a second of work.
        Assert.True(Math.Abs((sample.CpuTime - cpu).TotalSeconds) < 1.0);
    }
}
