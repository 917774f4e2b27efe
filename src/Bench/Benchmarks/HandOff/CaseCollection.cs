using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.HandOff;

/// <summary>Turns BenchmarkDotNet's summaries and what the benchmark processes recorded into the run's cases.</summary>
internal static class CaseCollection
{
    /// <summary>
    /// Every case BenchmarkDotNet ran, with what its process recorded, or why it has nothing (then
    /// named by <paramref name="identityOf"/>: the hand-off does not know the scenario classes).
    /// </summary>
    public static List<CaseResult> Collect(IEnumerable<Summary> summaries, LoadDiagnoser diagnoser, Func<BenchmarkCase, CaseResult> identityOf)
    {
        var cases = new List<CaseResult>();
        foreach (var summary in summaries)
        {
            foreach (var benchmarkCase in summary.BenchmarksCases)
            {
                var report = summary[benchmarkCase];
                diagnoser.Results.TryGetValue(benchmarkCase, out var recorded);
                var result = recorded ?? identityOf(benchmarkCase);
                if (result.Failure is null && (report is null || !report.Success || result.Overall is null))
                {
                    result = result with { Failure = WhyNoResult(report, recorded) };
                }

                cases.Add(result);
            }
        }

        return cases;
    }

    private static string WhyNoResult(BenchmarkReport? report, CaseResult? recorded)
    {
        if (report is null)
        {
            return "BenchmarkDotNet produced no report for this case";
        }

        if (!report.BuildResult.IsBuildSuccess)
        {
            return $"the benchmark project did not build: {report.BuildResult.ErrorMessage}";
        }

        if (recorded is null)
        {
            return "the benchmark process ended without a record (it crashed or was killed); see the BenchmarkDotNet log";
        }

        return "no measured round was recorded; see the BenchmarkDotNet log";
    }
}
