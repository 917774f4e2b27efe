using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Capacity;

/// <summary>
/// One capacity search: the offered rate grows geometrically from the start rate until a step
/// fails (or steps down from it, to the floor, when the very first fails), then bisects between the
/// highest sustained rate and the lowest failed one until they are within the precision (5 %). The
/// rate it reports is the highest whose own step was sustained: never the failed bound, never an
/// interpolation between the two.
/// </summary>
internal static class CapacitySearch
{
    public const string Ascend = "ascend";
    public const string Descend = "descend";
    public const string Bisect = "bisect";

    public static async Task<CapacityRepetition> RunAsync(ICapacityStepRunner runner, CapacitySettings settings, int index, CancellationToken cancellation)
    {
        var steps = new List<CapacityStep>();
        double? sustained = null;
        double? failed = null;
        bool ceiling = false;

        async Task<bool> Step(double rate, string phase)
        {
            var step = StepJudge.Judge(await runner.RunStepAsync(rate, phase, cancellation).ConfigureAwait(false), settings);
            steps.Add(step);
            if (step.Sustained)
            {
                sustained = Math.Max(sustained ?? 0, rate);
            }
            else
            {
                failed = Math.Min(failed ?? double.MaxValue, rate);
            }

            return step.Sustained;
        }

        // Grow until a step fails or the ceiling is reached.
        double offered = Round(settings.StartRate);
        while (!cancellation.IsCancellationRequested && await Step(offered, Ascend).ConfigureAwait(false))
        {
            if (offered >= settings.CeilingRate)
            {
                ceiling = true;
                break;
            }

            offered = Round(Math.Min(offered * settings.Growth, settings.CeilingRate));
        }

        // The very first step failed: step down until one holds or the floor is passed.
        if (sustained is null)
        {
            offered = Round(settings.StartRate / settings.Growth);
            while (!cancellation.IsCancellationRequested && offered >= settings.FloorRate && !await Step(offered, Descend).ConfigureAwait(false))
            {
                offered = Round(offered / settings.Growth);
            }
        }

        // Bisect (geometrically: the bounds are a ratio apart) to within the precision.
        while (!cancellation.IsCancellationRequested && sustained is { } low && failed is { } high && high > low * (1 + settings.Precision))
        {
            double middle = Round(Math.Sqrt(low * high));
            if (middle <= low || middle >= high)
            {
                break; // whole requests/s cannot split them further
            }

            await Step(middle, Bisect).ConfigureAwait(false);
        }

        return new CapacityRepetition
        {
            Index = index,
            Steps = steps,
            MaxSustainedRate = sustained,
            FirstFailedRate = failed is { } f && (sustained is null || f > sustained) ? f : null,
            ReachedCeiling = ceiling,
        };
    }

    /// <summary>Rates are whole requests per second.</summary>
    private static double Round(double rate) => Math.Max(1, Math.Round(rate));
}
