namespace KEchoBench.Bench.Benchmarks.Progress;

/// <summary>
/// Where a bench run stands: case <see cref="Index"/> of <see cref="Total"/>, the time so far,
/// the estimate of what is left (none before the first case ends), and the errors and failed
/// cases so far; <see cref="Finished"/> is set once the case is done.
/// </summary>
internal sealed record CaseStep(int Index, int Total, string Case, TimeSpan Elapsed, TimeSpan? Left, long Errors, int FailedCases, FinishedCase? Finished);
