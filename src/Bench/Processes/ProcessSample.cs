namespace KEchoBench.Bench.Processes;

/// <summary>
/// A process's CPU time (user + system), thread count and resident memory at one moment.
/// <paramref name="PreciseCpu"/>: the CPU time came from the process's nanosecond CPU clock;
/// otherwise from /proc's 10 ms ticks.
/// </summary>
internal sealed record ProcessSample(TimeSpan CpuTime, int Threads, long RssBytes, long TakenAtNs, bool PreciseCpu = false);
