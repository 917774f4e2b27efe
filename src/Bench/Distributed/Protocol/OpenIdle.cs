namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>Coordinator to load agent: open this many silent sessions to the server and hold them until <see cref="CloseIdle"/>.</summary>
internal sealed record OpenIdle(string TargetHost, int TargetPort, int Count, long TimeoutTicks);
