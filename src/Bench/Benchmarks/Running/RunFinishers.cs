namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>
/// What <c>bench</c> runs on its results folder once the measurements are written: the report,
/// and with <c>--baseline</c> the comparison. The one place where those commands are wired in.
/// </summary>
public static class RunFinishers
{
    /// <summary>False until <c>kechobench compare</c> is wired in below; <c>--baseline</c> is refused (exit 2) until then.</summary>
    public static bool CanCompare => false;

    public static IReadOnlyList<IRunFinisher> Create(string? baseline)
    {
        var finishers = new List<IRunFinisher>();

        // HOOK(report) — not wired: src/Bench/Reports is on the 'report' branch. Once merged, add
        // a finisher whose FinishAsync calls KEchoBench.Bench.Reports.ReportWriter.Write(folder),
        // lists the files it returns on `output`, and returns 0 (2 if it throws):
        //     finishers.Add(new ReportFinisher());

        // HOOK(compare) — not wired: src/Bench/Comparison is on the 'compare' branch. Once merged,
        // with a baseline add a finisher whose FinishAsync returns
        //     Cli.CompareCommand.Run(baseline, folder, new ComparisonSettings(), Path.Combine(folder, "compare.md"), io)
        // and make CanCompare true.
        _ = baseline;
        return finishers;
    }
}
