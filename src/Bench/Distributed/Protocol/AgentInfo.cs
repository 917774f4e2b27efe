namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>An agent's answer to <see cref="Hello"/>: what it is, where, on how many cores, and which version it runs.</summary>
internal sealed record AgentInfo(string Role, string Version, string HostName, string Address, int Cores, string? ServerCommand);
