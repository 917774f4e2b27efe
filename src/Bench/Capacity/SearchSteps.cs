using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Capacity;

/// <summary>
/// The steps one <see cref="CapacitySearch"/> has run so far, and the bounds they set: the highest
/// rate sustained and the lowest that failed.
/// </summary>
internal sealed class SearchSteps(ICapacityStepRunner runner, CapacitySettings settings, CancellationToken cancellation)
{
    public List<CapacityStep> Steps { get; } = [];

    public double? Sustained { get; private set; }

    public double? Failed { get; private set; }

    /// <summary>
    /// Runs and judges one step at <paramref name="rate"/> (and, when it fails and
    /// <see cref="CapacitySettings.ConfirmFailures"/> is set, once more at the same rate), moves the
    /// bound it sets, and says whether it was sustained. Every try is kept in <see cref="Steps"/>: the
    /// curve shows the failed try beside its confirmation.
    /// </summary>
    public async Task<bool> RunAsync(double rate, string phase)
    {
        var step = await TryAsync(rate, phase).ConfigureAwait(false);
        if (!step.Sustained && settings.ConfirmFailures && !cancellation.IsCancellationRequested)
        {
            step = await TryAsync(rate, CapacitySearch.Confirm).ConfigureAwait(false);
        }

        if (step.Sustained)
        {
            Sustained = Math.Max(Sustained ?? 0, rate);
        }
        else
        {
            Failed = Math.Min(Failed ?? double.MaxValue, rate);
        }

        return step.Sustained;
    }

    private async Task<CapacityStep> TryAsync(double rate, string phase)
    {
        var step = StepJudge.Judge(await runner.RunStepAsync(rate, phase, cancellation).ConfigureAwait(false), settings);
        Steps.Add(step);
        return step;
    }
}
