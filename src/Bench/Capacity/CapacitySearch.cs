using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Capacity;

/// <summary>
/// One capacity search: the offered rate grows geometrically from the start rate until a step
/// fails (or steps down from it, to the floor, when the very first fails), then bisects between the
/// highest sustained rate and the lowest failed one until they are within the precision (5 %). The
/// rate it reports is the highest whose own step was sustained: never the failed bound, never an
/// interpolation between the two.
/// <para>
/// A rate fails only when two tries of it fail (<see cref="CapacitySettings.ConfirmFailures"/>), and
/// the second try comes late: once the search has converged below the failed bound, that bound is
/// tried again, and if it now holds the search goes on above it. Tried at once, the second try fell
/// in the same slow spell of the shared machine as the first (both failing, seconds later a higher
/// rate holding in another search); tried after the bisection below it, seconds later, it meets the
/// machine in another state. When it holds, the spell it failed in is shown to be the machine's, and
/// every rate above it that failed once in that spell gets its second try at once, lowest first,
/// before the search bisects again. Failures that never become the bound are never tried twice: a
/// rate far above the capacity is not worth a second look.
/// </para>
/// </summary>
internal static class CapacitySearch
{
    public const string Ascend = "ascend";
    public const string Descend = "descend";
    public const string Bisect = "bisect";

    /// <summary>The second try of the failed bound, once the search has converged below it.</summary>
    public const string Confirm = "confirm";

    public static async Task<CapacityRepetition> RunAsync(ICapacityStepRunner runner, CapacitySettings settings, int index, CancellationToken cancellation)
    {
        var search = new SearchSteps(runner, settings, cancellation);
        bool ceiling = await AscendAsync(search, Round(settings.StartRate), settings, cancellation).ConfigureAwait(false);
        if (search.Sustained is null)
        {
            await DescendAsync(search, settings, cancellation).ConfigureAwait(false);
        }

        while (!cancellation.IsCancellationRequested)
        {
            if (!search.BoundFailedBeforeLastRescue)
            {
                await BisectAsync(search, settings, cancellation).ConfigureAwait(false);
            }

            if (!search.BoundMayBeRetried || cancellation.IsCancellationRequested)
            {
                break;
            }

            if (await search.RunAsync(search.Failed!.Value, Confirm).ConfigureAwait(false) && search.Failed is null)
            {
                // The bound held on its second try and nothing above it has failed: climb on from it.
                ceiling = search.Sustained >= settings.CeilingRate
                    || await AscendAsync(search, Round(Math.Min(search.Sustained!.Value * settings.Growth, settings.CeilingRate)), settings, cancellation).ConfigureAwait(false);
            }
        }

        double? sustained = search.Sustained;
        return new CapacityRepetition
        {
            Index = index,
            Steps = search.Steps,
            MaxSustainedRate = sustained,
            FirstFailedRate = search.Failed,
            ReachedCeiling = ceiling && search.Failed is null,
        };
    }

    /// <summary>Grows the rate until a step fails or the ceiling is reached; true when the ceiling was sustained.</summary>
    private static async Task<bool> AscendAsync(SearchSteps search, double from, CapacitySettings settings, CancellationToken cancellation)
    {
        double offered = from;
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
