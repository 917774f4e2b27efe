using KEchoBench.Bench.Benchmarks.Running;
using Xunit;

namespace KEchoBench.Tests.Benchmarks;

public sealed class ProcessCountersTests
{
    [Fact]
    public void Reads_a_processes_cpu_threads_and_memory()
    {
        var before = ProcessCounters.Read(Environment.ProcessId)!;
        long sum = 0;
        for (int i = 0; i < 5_000_000; i++)
        {
            sum += i % 7;
        }

        var after = ProcessCounters.Read(Environment.ProcessId)!;

        Assert.True(sum > 0);
        Assert.True(after.Cpu > before.Cpu, "CPU time grows while the process works");
        Assert.True(after.Threads > 0);
        Assert.True(after.RssBytes > 0);
    }

    [Fact]
    public void A_process_that_does_not_exist_reads_as_null()
    {
        Assert.Null(ProcessCounters.Read(int.MaxValue));
    }
}
