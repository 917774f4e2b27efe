using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Capacity;

/// <summary>
/// The knee of the latency–throughput curve: the highest offered rate before the first at which
/// p99 exceeds <see cref="Rise"/> times its value at the lowest rate tried, over every step of every
/// repetition (steps sorted by offered rate; a step that completed nothing counts as risen). Past the knee the
/// queue, not the service, sets the latency. Null when the lowest rate already fails or has risen.
/// </summary>
internal static class CapacityKnee
{
    public const double Rise = 2;

    public static double? Of(IEnumerable<CapacityStep> steps)
    {
        var ordered = steps.OrderBy(s => s.OfferedRate).ToList();
        if (ordered.Count == 0 || ordered[0].Requests == 0 || ordered[0].Latency.P99Us <= 0)
        {
            return null;
        }

        double baseline = ordered[0].Latency.P99Us;
        double? knee = null;
        foreach (var step in ordered)
        {
            if (step.Requests == 0 || step.Errors > 0 || step.Latency.P99Us > Rise * baseline)
            {
                break;
            }

            knee = step.OfferedRate;
        }

        return knee;
    }
}
