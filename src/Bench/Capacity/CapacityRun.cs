using KEchoBench.Bench.Processes;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Capacity;

/// <summary>
/// What a bench run adds to run.json as its capacity section: the searches when its profile has
/// them (<c>capacity</c>), and the scalability fits wherever its clients sweep is dense enough for
/// one (<c>capacity</c>, <c>full</c>). Null when there is neither.
/// </summary>
internal static class CapacityRun
{
    public static async Task<CapacityResult?> RunAsync(
        CapacitySettings? settings, IReadOnlyList<string> engines, int? serverPid, int? workqueueWorkers,
        IReadOnlyList<CaseResult> cases, TextWriter output, CancellationToken cancellation)
    {
        var fits = ScalabilityFits.Dense(cases) ? ScalabilityFits.From(cases) : [];
        if (settings is null)
        {
            return fits.Count == 0 ? null : new CapacityResult { Fits = fits };
        }

        var targets = engines.Select(EngineTarget.Parse)
            .Select(t => new CapacityTarget(t.Name, t.External, t.IsExternal ? serverPid : null)).ToList();
        await output.WriteLineAsync($"kechobench bench: capacity searches, objective {settings.Objective}, connections {string.Join(", ", settings.Connections)}, {settings.Repeats} searches each").ConfigureAwait(false);
        var searches = await CapacityStage.RunAsync(targets, settings, workqueueWorkers, output, cancellation).ConfigureAwait(false);
        return new CapacityResult
        {
            Objective = settings.Objective.ToString(),
            DeliveredShare = settings.DeliveredShare,
            StartRate = settings.StartRate,
            Growth = settings.Growth,
            Precision = settings.Precision,
            StepSeconds = settings.StepDuration.TotalSeconds,
            TimeoutSeconds = settings.Timeout.TotalSeconds,
            Searches = searches,
            Fits = fits,
        };
    }
}
