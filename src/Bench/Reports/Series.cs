using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// One line on a plot: the measured cases of one engine in one scenario (split further when the
/// scenario varies a parameter other than clients, e.g. two offered rates), ordered by clients.
/// </summary>
public sealed record Series(string Label, string Engine, IReadOnlyList<CaseResult> Cases)
{
    /// <summary>The measured figures of each case, in client order (cases without figures are never in a series).</summary>
    public IEnumerable<(int Clients, IterationResult Overall)> Points => Cases.Select(c => (c.Clients, c.Overall!));
}
