using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Capacity;

/// <summary>
/// Runs one step of a capacity search: an open-loop round at an offered rate, returned with its
/// measured figures (the search judges it). The load generator in practice; simulated steps in tests.
/// </summary>
internal interface ICapacityStepRunner
{
    Task<CapacityStep> RunStepAsync(double offeredRate, string phase, CancellationToken cancellation);
}
