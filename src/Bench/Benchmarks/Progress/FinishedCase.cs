namespace KEchoBench.Bench.Benchmarks.Progress;

/// <summary>A case once it has run: how long it took, the load errors it counted, whether it has a result.</summary>
internal sealed record FinishedCase(TimeSpan Duration, long Errors, bool Measured);
