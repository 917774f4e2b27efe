using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Capacity;

/// <summary>
/// Whether a capacity step was sustained: it delivered at least 99 % (<see cref="CapacitySettings.DeliveredShare"/>)
/// of its offered rate, no request failed, and the latency objective held wherever the step has
/// enough requests to resolve it. Every condition that failed is named.
/// </summary>
internal static class StepJudge
{
    public static CapacityStep Judge(CapacityStep step, CapacitySettings settings)
    {
        var why = new List<string>();
        if (step.Requests == 0)
        {
            why.Add("no request completed");
        }
        else if (step.DeliveredRate < settings.DeliveredShare * step.OfferedRate)
        {
            why.Add($"delivered {step.DeliveredRate / step.OfferedRate:P1} of the offered rate");
        }

        if (step.Errors > 0)
        {
            why.Add($"{step.Errors} request{(step.Errors == 1 ? "" : "s")} failed");
        }

        if (step.Requests > 0)
        {
            why.AddRange(settings.Objective.Breaches(step.Latency));
        }

        return step with { Sustained = why.Count == 0, Why = why.Count == 0 ? null : string.Join("; ", why) };
    }
}
