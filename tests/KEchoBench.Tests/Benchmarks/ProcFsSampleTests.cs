using KEchoBench.Bench.Processes;
using Xunit;

namespace KEchoBench.Tests.Benchmarks;

public sealed class ProcFsSampleTests
{
    [Fact]
    public void Reads_a_processes_cpu_threads_and_memory()
    {
        var before = ProcFs.Sample(Environment.ProcessId)!;
        long sum = 0;
        for (int i = 0; i < 5_000_000; i++)
        {
            sum += i % 7;
        }

        var after = ProcFs.Sample(Environment.ProcessId)!;

        Assert.True(sum > 0);
        Assert.True(after.CpuTime > before.CpuTime, "CPU time grows while the process works");
        Assert.True(after.Threads > 0);
        Assert.True(after.RssBytes > 0);
    }

    [Fact]
    public void A_process_that_does_not_exist_reads_as_null()
    {
        Assert.Null(ProcFs.Sample(int.MaxValue));
    }
}
