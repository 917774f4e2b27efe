namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>The server process's counters at one instant, read from /proc.</summary>
public sealed record ServerSample(TimeSpan Cpu, int Threads, long RssBytes);
