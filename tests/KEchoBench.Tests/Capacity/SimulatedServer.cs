using KEchoBench.Bench.Capacity;
using KEchoBench.Bench.Results;

namespace KEchoBench.Tests.Capacity;

/// <summary>
/// A server whose capacity is known by construction, as a capacity search sees it: below
/// <see cref="Capacity"/> every step is delivered in full at 1 ms p99; above it only the capacity is
/// delivered and the queue grows (p99 100 ms). <see cref="Flaky"/> makes some steps fail anyway.
/// </summary>
internal sealed class SimulatedServer(double capacity, Func<double, bool>? flaky = null) : ICapacityStepRunner
{
    public double Capacity { get; } = capacity;

    public List<double> Offered { get; } = [];

    public Task<CapacityStep> RunStepAsync(double offeredRate, string phase, CancellationToken cancellation)
    {
        Offered.Add(offeredRate);
        bool holds = offeredRate <= Capacity && !(flaky?.Invoke(offeredRate) ?? false);
        double delivered = Math.Min(offeredRate, Capacity);
        long requests = (long)(delivered * 0.4);
        return Task.FromResult(new CapacityStep
        {
            Phase = phase,
            OfferedRate = offeredRate,
            DeliveredRate = delivered,
            Seconds = 0.4,
            Requests = requests,
            Latency = new LatencySummary { Count = requests, P50Us = 200, P90Us = 500, P99Us = holds ? 1_000 : 100_000, P999Us = holds ? 2_000 : 150_000, MaxUs = holds ? 3_000 : 200_000 },
        });
    }
}
