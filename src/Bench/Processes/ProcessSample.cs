namespace KEchoBench.Bench.Processes;

/// <summary>A process's CPU time (user + system), thread count and resident memory at one moment.</summary>
public sealed record ProcessSample(TimeSpan CpuTime, int Threads, long RssBytes, long TakenAtNs);
