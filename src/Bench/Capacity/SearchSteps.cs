using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Capacity;

/// <summary>
/// The steps one <see cref="CapacitySearch"/> has run so far, and the bounds they set: the highest
/// rate sustained and the lowest failed rate above it.
/// </summary>
internal sealed class SearchSteps(ICapacityStepRunner runner, CapacitySettings settings, CancellationToken cancellation)
{
    /// <summary>Rates whose every try so far failed: how many tries, and the index in <see cref="Steps"/> of the first.</summary>
    private readonly Dictionary<double, (int Tries, int First)> _failedTries = [];

    /// <summary>The index in <see cref="Steps"/> of the last second try that held; -1 before one has.</summary>
    private int _lastRescue = -1;

    public List<CapacityStep> Steps { get; } = [];

    public double? Sustained { get; private set; }

    /// <summary>The lowest rate above <see cref="Sustained"/> whose every try failed; null when none has.</summary>
    public double? Failed
    {
        get
        {
            var above = _failedTries.Keys.Where(rate => Sustained is not { } low || rate > low).ToList();
            return above.Count == 0 ? null : above.Min();
        }
    }

    /// <summary>
    /// True when the lowest failed bound has been tried only once and a second try is allowed
    /// (<see cref="CapacitySettings.ConfirmFailures"/>).
    /// </summary>
    public bool BoundMayBeRetried => settings.ConfirmFailures && Failed is { } bound && _failedTries[bound].Tries == 1;

    /// <summary>
    /// True when the lowest failed bound has been tried once, before the last second try that held:
    /// it failed in the spell that second try has shown to be the machine's, and gets its own second
    /// try before the search bisects below it.
    /// </summary>
    public bool BoundFailedBeforeLastRescue => BoundMayBeRetried && _failedTries[Failed!.Value].First < _lastRescue;

    /// <summary>Runs and judges one step at <paramref name="rate"/>, moves the bound it sets, and says whether it was sustained.</summary>
    public async Task<bool> RunAsync(double rate, string phase)
    {
        var step = StepJudge.Judge(await runner.RunStepAsync(rate, phase, cancellation).ConfigureAwait(false), settings);
        Steps.Add(step);
        if (step.Sustained)
        {
            if (_failedTries.Remove(rate))
            {
                _lastRescue = Steps.Count - 1;
            }

            Sustained = Math.Max(Sustained ?? 0, rate);
        }
        else
        {
            _failedTries[rate] = _failedTries.TryGetValue(rate, out var earlier) ? (earlier.Tries + 1, earlier.First) : (1, Steps.Count - 1);
        }

        return step.Sustained;
    }
}
