namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>The server listens at HOST:PORT on the agent's host; its process id there, and the command line that started it.</summary>
internal sealed record ServerStarted(string Host, int Port, int Pid, string CommandLine);
