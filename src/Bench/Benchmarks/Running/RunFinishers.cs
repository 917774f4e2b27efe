namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>
/// What <c>bench</c> runs on its results folder once the measurements are written: the report,
/// and with <c>--baseline</c> the comparison. The one place where those commands are wired in.
/// </summary>
public static class RunFinishers
{
    /// <summary>False until <c>kechobench compare</c> is wired in below.</summary>
    public static bool CanCompare => false;

    public static IReadOnlyList<IRunFinisher> Create(string? baseline)
    {
        var finishers = new List<IRunFinisher>();

        // HOOK(report): add the finisher that runs `kechobench report` on the folder here, once
        // src/Bench/Reports lands: finishers.Add(new ReportFinisher());

        // HOOK(compare): with a baseline, add the finisher that runs `kechobench compare BASELINE
        // FOLDER` here, once src/Bench/Compare lands (and make CanCompare true).
        _ = baseline;
        return finishers;
    }
}
