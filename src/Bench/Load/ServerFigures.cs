using KEchoBench.Bench.Processes;

namespace KEchoBench.Bench.Load;

/// <summary>The server's share over a window: CPU as a percentage of one core and per request, threads and RSS at the end.</summary>
internal sealed record ServerFigures(double CpuPercent, double CpuUsPerRequest, int Threads, long RssBytes)
{
    public static ServerFigures? Between(ProcessSample? before, ProcessSample? after, long requests)
    {
        if (before is null || after is null)
        {
            return null;
        }

        double cpuUs = (after.CpuTime - before.CpuTime).TotalMicroseconds;
        double windowUs = (after.TakenAtNs - before.TakenAtNs) / 1000.0;
        return new ServerFigures(
            windowUs > 0 ? 100.0 * cpuUs / windowUs : 0,
            requests > 0 ? cpuUs / requests : 0,
            after.Threads,
            after.RssBytes);
    }
}
