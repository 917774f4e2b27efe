using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>
/// Runs one load round against a server that is already listening. The suite only needs this
/// one operation from the load generator; keeping it behind an interface lets the benchmark
/// plumbing (jobs, columns, results) be tested without caring how the load is produced.
/// </summary>
internal interface ILoadRound
{
    Task<RoundOutcome> RunAsync(RoundShape shape, CancellationToken cancellation);
}
