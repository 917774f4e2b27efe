namespace KEchoBench.Bench.Results;

/// <summary>
/// How an <see cref="IterationMetric"/> appears as a column of <c>bench</c>'s console summary table
/// (right-aligned, after the case's own columns): the heading, the cell for a value (Spectre.Console
/// markup; it is given null where the case has no such figure and says so, usually "-") and the
/// column's place, lowest first.
/// It is separate from <see cref="IterationColumn"/> because the console table is a reader's first
/// look, not BenchmarkDotNet's export: it shows fewer figures, with words for headings and units in
/// the cells ("85 µs", "57 %"). Kept on the catalog entry so that a figure written there with one
/// appears in the table without an edit to the table.
/// </summary>
internal sealed record ConsoleColumn(string Heading, Func<double?, string> Format, int Order);
