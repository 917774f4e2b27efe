using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// One line on a plot: the measured cases of one engine in one scenario (split further when the
/// scenario varies a parameter other than clients, e.g. two offered rates), ordered by clients.
/// </summary>
internal sealed record Series(string Label, string Engine, IReadOnlyList<CaseResult> Cases)
{
    /// <summary>The measured figures of each case, in client order (cases without figures are never in a series).</summary>
    public IEnumerable<(int Clients, IterationResult Overall)> Points => Cases.Select(c => (c.Clients, c.Overall!));

    /// <summary>
    /// The label for a legend: the engine, plus a warning where it failed more than 1 % of its
    /// round trips, because its latency line then describes only the requests it completed.
    /// </summary>
    public string LegendLabel
    {
        get
        {
            var worst = Cases.Where(c => c.Overall is not null).MaxBy(c => ReportFindings.FailedShare(c.Overall!));
            if (worst is null || ReportFindings.FailedShare(worst.Overall!) <= ReportFindings.MaxFailedShareToRank)
            {
                return Label;
            }

            return $"{Label} ({ReportFindings.FailedShare(worst.Overall!) * 100:F0} % failed at {worst.Clients})";
        }
    }
}
