using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Capacity;

/// <summary>
/// One capacity search: the offered rate grows geometrically from the start rate until a step
/// fails (or steps down from it, to the floor, when the very first fails), then bisects between the
/// highest sustained rate and the lowest failed one until they are within the precision (5 %). The
/// rate it reports is the highest whose own step was sustained: never the failed bound, never an
/// interpolation between the two. A failed step is tried once more before it counts
/// (<see cref="CapacitySettings.ConfirmFailures"/>).
/// </summary>
internal static class CapacitySearch
{
    public const string Ascend = "ascend";
    public const string Descend = "descend";
    public const string Bisect = "bisect";

    /// <summary>The second try of a step whose first failed.</summary>
    public const string Confirm = "confirm";

    public static async Task<CapacityRepetition> RunAsync(ICapacityStepRunner runner, CapacitySettings settings, int index, CancellationToken cancellation)
    {
        var search = new SearchSteps(runner, settings, cancellation);
        bool ceiling = await AscendAsync(search, settings, cancellation).ConfigureAwait(false);
        if (search.Sustained is null)
        {
            await DescendAsync(search, settings, cancellation).ConfigureAwait(false);
        }

        await BisectAsync(search, settings, cancellation).ConfigureAwait(false);
        double? sustained = search.Sustained;
        return new CapacityRepetition
        {
            Index = index,
            Steps = search.Steps,
            MaxSustainedRate = sustained,
            FirstFailedRate = search.Failed is { } f && (sustained is null || f > sustained) ? f : null,
            ReachedCeiling = ceiling,
        };
    }

    /// <summary>Grows the rate until a step fails or the ceiling is reached; true when the ceiling was sustained.</summary>
    private static async Task<bool> AscendAsync(SearchSteps search, CapacitySettings settings, CancellationToken cancellation)
    {
        double offered = Round(settings.StartRate);
        while (!cancellation.IsCancellationRequested && await search.RunAsync(offered, Ascend).ConfigureAwait(false))
        {
            if (offered >= settings.CeilingRate)
            {
                return true;
            }

            offered = Round(Math.Min(offered * settings.Growth, settings.CeilingRate));
        }

        return false;
    }

    /// <summary>The very first step failed: steps down until one holds or the floor is passed.</summary>
    private static async Task DescendAsync(SearchSteps search, CapacitySettings settings, CancellationToken cancellation)
    {
        double offered = Round(settings.StartRate / settings.Growth);
        while (!cancellation.IsCancellationRequested && offered >= settings.FloorRate && !await search.RunAsync(offered, Descend).ConfigureAwait(false))
        {
            offered = Round(offered / settings.Growth);
        }
    }

    /// <summary>Bisects (geometrically: the bounds are a ratio apart) to within the precision.</summary>
    private static async Task BisectAsync(SearchSteps search, CapacitySettings settings, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested && search.Sustained is { } low && search.Failed is { } high && high > low * (1 + settings.Precision))
        {
            double middle = Round(Math.Sqrt(low * high));
            if (middle <= low || middle >= high)
            {
                break; // whole requests/s cannot split them further
            }

            await search.RunAsync(middle, Bisect).ConfigureAwait(false);
        }
    }

    /// <summary>Rates are whole requests per second.</summary>
    private static double Round(double rate) => Math.Max(1, Math.Round(rate));
}
