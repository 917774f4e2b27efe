using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Cli.LoadOutput;

/// <summary>What load.json records of the server <c>load --spawn</c> started: which engine, its pid, and how it exited.</summary>
internal sealed record SpawnedServerRecord(string Engine, int Pid, int ExitCode, string Arguments, RunPlacement? Placement = null);
