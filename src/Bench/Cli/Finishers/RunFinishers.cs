using KEchoBench.Bench.Comparison;
using KEchoBench.Bench.Benchmarks.Running;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// What <c>bench</c> runs on its results folder once the measurements are written: the report,
/// and with <c>--baseline</c> the comparison. The one place where those commands are wired in.
/// </summary>
internal static class RunFinishers
{
    public static IReadOnlyList<IRunFinisher> Create(string? baseline, ComparisonSettings? comparison = null, string? markdownFile = null)
    {
        var finishers = new List<IRunFinisher> { new ReportFinisher() };
        if (baseline is not null)
        {
            finishers.Add(new CompareFinisher(baseline, comparison ?? new ComparisonSettings(), markdownFile));
        }

        return finishers;
    }
}
