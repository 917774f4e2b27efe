namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>
/// Something <c>bench</c> does with a finished results folder: write the report, compare with a
/// baseline. Kept as a hook so that <c>bench</c> does not depend on how those commands work.
/// </summary>
internal interface IRunFinisher
{
    /// <summary>What it does, for the log line (e.g. "report", "compare with results/base").</summary>
    string Name { get; }

    /// <summary>Runs on the results folder; returns an exit code (0 = fine, 1 = found a problem, 2 = could not).</summary>
    Task<int> FinishAsync(string resultsFolder, TextWriter output, TextWriter error, CancellationToken cancellation);
}
