namespace KEchoBench.Bench.Cli.LoadOutput;

/// <summary>Where the machine-readable outputs of a run go (null: not written).</summary>
internal sealed record LoadOutputs(string? Json, string? Hlog, string? BenchTxt);
