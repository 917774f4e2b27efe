namespace KEchoBench.Bench.Results;

/// <summary>
/// How an <see cref="IterationMetric"/> appears as a column of the report's per-scenario tables
/// (report.html and summary.md): the heading, the kind of figure (<see cref="ReportCell"/>: how the
/// report writes its cells and its dashes) and the column's place among the table's figure
/// columns, lowest first. The table's own columns that are no catalog figure ("requests timed",
/// "connect max", ...) have places in the same numbering, in <c>Reports.ReportTables</c>.
/// It is separate from <see cref="IterationColumn"/> and <see cref="ConsoleColumn"/> because the
/// report is read after the run, next to notes that say why a figure is missing: it shows more
/// figures than the console, with its own headings and order, and a dash has a reason
/// (what the clock or the request count cannot resolve). For that reason it names the kind of figure
/// rather than carrying a formatter: the rules for those dashes live in <c>Reports</c>, above this
/// layer. Kept on the catalog entry so that a figure written there with one appears in every
/// scenario table without an edit to the table.
/// </summary>
/// <param name="Heading">The column's heading.</param>
/// <param name="Cell">How its cells read.</param>
/// <param name="Order">Its place among the figure columns, lowest first.</param>
/// <param name="Percentile">For <see cref="ReportCell.Percentile"/>: which percentile of the request latency (99, 99.9).</param>
/// <param name="AppliesTo">
/// Null when every case has the figure. Otherwise whether a case's overall figures have it: the
/// column is shown only in a scenario where some case has it, and reads "n/a" for the others
/// (connect time exists only where the clients connect in the round).
/// </param>
internal sealed record ReportColumn(string Heading, ReportCell Cell, int Order, double? Percentile = null, Func<IterationResult, bool>? AppliesTo = null);
