using KEchoBench.Bench.Processes;

namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>
/// A server process's CPU time, thread count and resident memory, for any process id (a server
/// the suite spawned, or an external one named with <c>--server-pid</c>). Threads and RSS come
/// from /proc; CPU time from the process's CPU clock when readable (nanoseconds rather than
/// /proc's 10 ms ticks, which would swamp the short rounds of the small load points).
/// </summary>
internal static class ProcessCounters
{
    /// <summary>The counters of process <paramref name="pid"/>, or null when it has gone or /proc is unavailable.</summary>
    public static ServerSample? Read(int pid)
    {
        if (ProcFs.Sample(pid) is not { } sample)
        {
            return null;
        }

        return new ServerSample(sample.CpuTime, sample.Threads, sample.RssBytes);
    }
}
