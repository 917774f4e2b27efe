namespace KEchoBench.Bench.Results;

/// <summary>
/// What kind of figure a <see cref="VerdictUse"/> ranks, which tells the verdict what its rounds
/// cannot resolve, how to write the figure and what to note beside it. A kind rather than a rule
/// and a formatter on the catalog entry because those rules belong to the report
/// (<c>Reports.FigureResolution</c> decides what the clock or the request count can resolve, and
/// the report has its own number formats), a layer above this one; <c>Reports.VerdictTable</c>
/// interprets each kind.
/// </summary>
internal enum VerdictKind
{
    /// <summary>A latency of the round trips that completed, in µs, written in the unit a reader expects ("85 µs", "1.50 ms"); unresolved where no round trip completed.</summary>
    Latency,

    /// <summary>
    /// A percentile of the request latency (<see cref="VerdictUse.Percentile"/> says which), as a
    /// <see cref="Latency"/>; also unresolved where a round has too few requests to resolve it (p99
    /// of a round of 40 requests is that round's max). The best engine's cell says how many timed
    /// requests it rests on.
    /// </summary>
    Percentile,

    /// <summary>
    /// Each round's worst round trip, as a <see cref="Latency"/>: the row ranks the median of the
    /// rounds' maxima, and shows beside each cell the single worst round trip of the whole case,
    /// not ranked on (one request, which a rerun does not repeat).
    /// </summary>
    WorstLatency,

    /// <summary>Requests completed per second ("12,345 requests/s"); not ranked in the open loop, where the rate is the one offered.</summary>
    Throughput,

    /// <summary>Server CPU time per request in µs with one decimal ("57.5 µs"); unresolved where the CPU clock cannot resolve it over the case's rounds, no request completed, or the server was not measured.</summary>
    ServerCpuPerRequest,

    /// <summary>Any other figure: one decimal and the catalog entry's unit ("3.0 s"); unresolved where no round has it.</summary>
    Figure,
}
