namespace KEchoBench.Bench.Load.Output;

/// <summary>The server <c>load --spawn</c> started: which engine, its pid, and how it exited.</summary>
public sealed record SpawnedServer(string Engine, int Pid, int ExitCode, string Arguments);
