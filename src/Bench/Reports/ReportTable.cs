namespace KEchoBench.Bench.Reports;

/// <summary>
/// A table of the report, rendered both to HTML and to Markdown. <paramref name="Id"/> is stable (an HTML anchor);
/// <paramref name="Notes"/> are sentences printed under it (what a dash means, which cells are marked).
/// </summary>
internal sealed record ReportTable(string Id, string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyList<string>? Notes = null);
