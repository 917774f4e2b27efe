namespace KEchoBench.Bench.Processes;

/// <summary>CPU time (user + system, all threads) of the current process.</summary>
internal static class ProcessCpu
{
    public static TimeSpan Now() => Environment.CpuUsage.TotalTime;
}
