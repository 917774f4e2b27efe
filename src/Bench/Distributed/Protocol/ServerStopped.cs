namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>How the server ended: its exit code, whether it had to be killed, and what it wrote to stderr.</summary>
internal sealed record ServerStopped(int ExitCode, bool Killed, bool Clean, string ErrorOutput);
