namespace KEchoBench.Bench.Results;

/// <summary>
/// How an <see cref="IterationMetric"/> is ranked in the report's verdict (<c>Reports.VerdictTable</c>):
/// the row's label, the kind of figure (<see cref="VerdictKind"/>: what the verdict cannot
/// resolve, how it writes the figure and what it notes beside it), whether it describes the
/// completed requests only, and the row's place among a load point's rows, lowest first.
/// It is separate from <see cref="ReportColumn"/> because the verdict is another use of a figure
/// than a column of a scenario table: it ranks engines on the median over rounds (a column shows
/// the case's overall figure), it needs every round to resolve the figure (a column needs the
/// case's total), it holds engines that failed too many requests out of figures about completed
/// requests, and it takes few figures, with labels of their own, in an order of their own. The
/// worst latency is both: a column's "max" is the one worst request, the verdict's row the median of
/// the rounds' maxima. Kept on the catalog entry so that a figure written there with one is a row
/// of the verdict for every scenario and load point without an edit to the verdict.
/// </summary>
/// <param name="Label">The row's name in the verdict's "measure" column.</param>
/// <param name="Kind">How the verdict reads the figure.</param>
/// <param name="PerCompletedRequest">
/// True when the figure describes the requests that completed (latency, CPU per request): an engine
/// that failed more than a small share of its round trips is then not ranked on it. False for a
/// figure that counts the failures against the engine by itself (throughput).
/// </param>
/// <param name="Order">The row's place among a load point's rows, lowest first.</param>
/// <param name="Percentile">For <see cref="VerdictKind.Percentile"/>: which percentile of the request latency (99).</param>
internal sealed record VerdictUse(string Label, VerdictKind Kind, bool PerCompletedRequest, int Order, double? Percentile = null);
