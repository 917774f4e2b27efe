namespace KEchoBench.Bench.Results;

/// <summary>
/// The figures of one measured iteration (one load round) of a case. Kept per iteration so that a
/// comparison can test every metric, p99 and max included, on samples rather than one number.
/// </summary>
internal sealed record IterationResult
{
    /// <summary>Round trips completed and verified: the count <see cref="Latency"/>'s percentiles rest on.</summary>
    public long Requests { get; init; }

    /// <summary>Round trips that failed (any kind), connects that failed included.</summary>
    public long Errors { get; init; }

    /// <summary>
    /// The round's duration (the seed's "seconds per test"): from the moment every client is
    /// released to the moment the last one has hung up (or failed). Where clients open their
    /// connections in the round (<see cref="Connect"/> set), their connects are inside it.
    /// </summary>
    public double Seconds { get; init; }

    public double RequestsPerSecond { get; init; }

    /// <summary>
    /// Round-trip latency: from a request's send (open loop: its scheduled time) to its verified
    /// echo. Never includes connecting: a client queued behind a busy server before its connect
    /// completes shows in <see cref="Connect"/>, one queued after it in its first round trip.
    /// </summary>
    public required LatencySummary Latency { get; init; }

    /// <summary>
    /// Connect time of the connections opened in this round (closed loop with clients that hang up,
    /// burst): from <c>connect()</c> to the connection being writable. Null when the connections
    /// were opened before the round and kept open (<c>--keep-open</c>, the open loop), so no
    /// connect falls inside it.
    /// </summary>
    public LatencySummary? Connect { get; init; }

    /// <summary>
    /// Open loop only: round trips measured from the actual send instead of the scheduled time,
    /// what a generator that ignores coordinated omission would report. Null in other modes.
    /// </summary>
    public LatencySummary? UncorrectedLatency { get; init; }

    /// <summary>
    /// Clients (connections) that got every request of the round answered and verified, or, in a
    /// timed round, ended it without an error. One error ends a connection, so with
    /// <see cref="ClientsFailed"/> this says how many clients got nothing or part of their work,
    /// which <see cref="Errors"/> (round trips) alone cannot.
    /// </summary>
    public int ClientsServed { get; init; }

    /// <summary>Clients whose connection ended on an error (refused, timed out, reset, wrong bytes) in the round.</summary>
    public int ClientsFailed { get; init; }

    /// <summary>
    /// How many times the whole clients × requests test ran in this round, one after another, each
    /// client connecting anew each time (the case's <c>min-round</c>: a round repeats the test until
    /// it has lasted that long). 1 for a single test; 0 where connections are kept open. In a case's
    /// overall figures, the sum over its rounds. <see cref="ClientsServed"/> counts every client of every repeat.
    /// </summary>
    public int Repeats { get; init; }

    /// <summary>Server CPU time over the iteration as a percentage of one core; null when it is not measurable (see <see cref="ServerCpuAbsent"/>).</summary>
    public double? ServerCpuPercent { get; init; }

    /// <summary>Server CPU time per verified round trip, µs; null when not measurable or no request completed.</summary>
    public double? ServerCpuUsPerRequest { get; init; }

    /// <summary>
    /// Why <see cref="ServerCpuPercent"/> is null, in words a report can print next to a "–":
    /// the server is not ours to measure, or the round was too short for the CPU clock to resolve
    /// (e.g. "round of 2.1 ms, shorter than the 100 ms a CPU figure needs"). Null when the figure is there.
    /// </summary>
    public string? ServerCpuAbsent { get; init; }

    public double ClientCpuPercent { get; init; }

    public double ClientCpuUsPerRequest { get; init; }

    public int? ServerThreads { get; init; }

    public long? ServerRssBytes { get; init; }

    /// <summary>Where the time went: server and load generator threads, the TCP counters that moved (<see cref="RoundAttribution"/>); null when not watched.</summary>
    public RoundAttribution? Attribution { get; init; }

    /// <summary>The load generator waited for a CPU clearly more than the server, enough to be part of the latency (<see cref="ClientWaitRule"/>); null when not watched.</summary>
    public bool? ClientWaitedLonger => Attribution is null ? null : ClientWaitRule.Applies(Attribution, Requests, Latency.MeanUs);
}
