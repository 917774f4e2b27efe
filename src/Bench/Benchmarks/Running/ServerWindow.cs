namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>The server's share of one round: CPU time used, and its peak threads and memory.</summary>
public sealed record ServerWindow(TimeSpan Cpu, int PeakThreads, long PeakRssBytes);
