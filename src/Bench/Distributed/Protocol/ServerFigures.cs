namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>
/// The server's figures over a round, read on its own host: CPU time at the watch's start and end
/// (ticks; null when its process is gone), whether from the precise CPU clock, and the peaks of
/// threads and resident memory.
/// </summary>
internal sealed record ServerFigures(long? CpuBeforeTicks, long? CpuAfterTicks, bool PreciseCpu, int PeakThreads, long PeakRssBytes, long WatchedTicks);
