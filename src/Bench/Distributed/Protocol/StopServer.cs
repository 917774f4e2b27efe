namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>Coordinator to server agent: stop the server (SIGTERM, then kill) and answer <see cref="ServerStopped"/>.</summary>
internal sealed record StopServer;
