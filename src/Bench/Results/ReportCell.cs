namespace KEchoBench.Bench.Results;

/// <summary>
/// What kind of figure a <see cref="ReportColumn"/> shows, which tells the report how to write its
/// cells: the number format, and what a figure the case does not have, or that its measurement
/// cannot resolve, reads as. A kind rather than a formatter on the catalog entry because those
/// rules belong to the report (its number formats, and <c>Reports.FigureResolution</c>, which
/// decides what the clock or the request count can resolve and whose reasons the table's notes
/// print), a layer above this one; the report interprets each kind.
/// </summary>
internal enum ReportCell
{
    /// <summary>A count or a rate, with thousands separators and no decimals ("12,345"); "n/a" where the case has none.</summary>
    Whole,

    /// <summary>A whole number as it is, without separators ("1234"); "n/a" where the case has none.</summary>
    Integer,

    /// <summary>A number with one decimal ("57.5"); "n/a" where the case has none.</summary>
    OneDecimal,

    /// <summary>A latency in µs, written in the unit a reader expects ("85 µs", "1.50 ms"); "–" where the figure is null: nothing was timed (no request completed, no connection opened).</summary>
    Latency,

    /// <summary>
    /// A percentile of the request latency (<see cref="ReportColumn.Percentile"/> says which), as a
    /// <see cref="Latency"/>; also "–" where fewer than one timed request lies beyond it, so that it
    /// would only repeat the maximum.
    /// </summary>
    Percentile,

    /// <summary>A server CPU figure with one decimal; "–" where the CPU clock cannot resolve it over the case's rounds (or bench left it out for a reason), "n/a" where there is none (a server not ours to measure).</summary>
    ServerCpu,
}
