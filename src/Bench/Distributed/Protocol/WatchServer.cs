namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>Coordinator to server agent: a round begins; read the server's CPU now and sample its threads and memory until <see cref="EndWatch"/>.</summary>
internal sealed record WatchServer;
