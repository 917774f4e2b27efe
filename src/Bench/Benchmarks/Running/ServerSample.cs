namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>The server process's counters at one instant, read from /proc.</summary>
internal sealed record ServerSample(TimeSpan Cpu, int Threads, long RssBytes);
