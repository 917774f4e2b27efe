namespace KEchoBench.Bench.Results;

/// <summary>
/// How an <see cref="IterationMetric"/> is drawn as a line plot against the number of clients, one
/// line per engine, in every scenario the report has more than one client count for: the file's
/// stem (<c>clients-STEM.png</c>), the title, the y axis's label, the caption under it, the kind of
/// figure and the plot's place among them, lowest first. The kind (<see cref="ReportCell"/>, as for
/// a report column) tells the report what cannot be drawn (a CPU figure the clock cannot resolve is
/// left out and named in the caption), how to write the axis's ticks, and that a latency's axis may
/// turn logarithmic; those rules live in <c>Reports</c>, above this layer. Kept on the catalog
/// entry so that a figure written there with one gets its plot in every report without an edit to
/// the plots.
/// </summary>
/// <param name="Stem">The plot's file name after the scenario's ("latency-mean").</param>
/// <param name="Title">The title after the scenario's name ("mean latency").</param>
/// <param name="YLabel">The y axis's label.</param>
/// <param name="Caption">What the plot shows, in a sentence or two.</param>
/// <param name="Kind">What kind of figure it is.</param>
/// <param name="Order">Its place among the sweep plots, lowest first.</param>
internal sealed record SweepPlot(string Stem, string Title, string YLabel, string Caption, ReportCell Kind, int Order);
