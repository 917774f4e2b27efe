namespace KEchoBench.Bench.Benchmarks.ServersUnderTest;

/// <summary>
/// The server's peak threads and memory over one round, sampled while it runs. Its CPU time is
/// read by the load generator at the round's own edges (<see cref="RoundOutcome.ServerCpu"/>).
/// </summary>
internal sealed record ServerWindow(int PeakThreads, long PeakRssBytes);
