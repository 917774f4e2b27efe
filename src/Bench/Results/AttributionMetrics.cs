namespace KEchoBench.Bench.Results;

/// <summary>
/// The metric catalog's figures of where the server's time went (<see cref="RoundAttribution"/>):
/// run-queue wait and context switches per request (compare can gate on them by name, and the
/// <c>ab</c> gate compares them over its closed-loop round), and the threads started in the round.
/// </summary>
internal static class AttributionMetrics
{
    /// <summary>
    /// The gate gives it four times the margin: it scatters like the involuntary switches it comes
    /// with, the machine's other load decides much of it. A round without it (no schedstat) leaves
    /// it out rather than counting it as not a number.
    /// </summary>
    public static IterationMetric RunQueueWait { get; } = new(
        "runq", "server run-queue wait (runnable, waiting for a CPU) per request", "µs/req", false,
        new("Server.RunQueueWaitUs", "Srv runq µs/req", "Server threads' time runnable but waiting for a CPU per request (schedstat), µs", "N2"),
        RunQueueWaitUs,
        gate: new(GateRound.Closed, "closed loop", 4, 60) { Measured = i => RunQueueWaitUs(i) is not null, Floor = RunQueueFloorUs });

    /// <summary>
    /// The gate's floor for run-queue wait, µs per request, added to both sides of its ratio. Over a
    /// closed round of a few thousand requests the wait is mostly 0–0.2 µs per request with bursts of
    /// several µs when the machine's other work lands on the server's CPU, so a ratio of two such
    /// figures is a ratio of near-zeros: a same-build run of <c>ab</c> (thread, 18 pairs, 2026-12-06)
    /// called the head 446× slower on 0.0003 against 0.15 µs. A server that makes requests wait for a
    /// CPU by 1 µs each or more still moves the ratio by that much.
    /// </summary>
    public const double RunQueueFloorUs = 1;

    public static IterationMetric VoluntarySwitches { get; } = new(
        "vcsw", "server voluntary context switches per request", "switches/req", false,
        new("Server.VoluntarySwitches", "Srv vcsw/req", "Server voluntary context switches (blocked) per request", "N2"),
        i => PerRequestTimes.VoluntarySwitches(i.Attribution?.Server, i.Requests),
        gate: new(GateRound.Closed, "closed loop", 1, 40) { Measured = ServerRead });

    /// <summary>The gate gives it four times the margin: preemptions follow what else the machine runs.</summary>
    public static IterationMetric InvoluntarySwitches { get; } = new(
        "ivcsw", "server involuntary context switches per request", "switches/req", false,
        new("Server.InvoluntarySwitches", "Srv ivcsw/req", "Server involuntary context switches (preempted) per request", "N3"),
        i => PerRequestTimes.InvoluntarySwitches(i.Attribution?.Server, i.Requests),
        gate: new(GateRound.Closed, "closed loop", 4, 50) { Measured = ServerRead });

    public static IterationMetric ThreadsStarted { get; } = new(
        "threads-started", "server threads started in the round (at least: seen by the watch)", "threads", false,
        new("Server.ThreadsStarted", "Srv thr started", "Server threads started during the measured rounds (seen by the 100 ms watch: at least this many)", "N0"),
        i => i.Attribution?.Server?.ThreadsStarted);

    public static IReadOnlyList<IterationMetric> All { get; } = [RunQueueWait, VoluntarySwitches, InvoluntarySwitches, ThreadsStarted];

    private static double? RunQueueWaitUs(IterationResult iteration) => PerRequestTimes.RunQueueWaitUs(iteration.Attribution?.Server, iteration.Requests);

    /// <summary>The gate compares the switches of a round whose server threads were read (its ledger at the round's edges), NaN where it has no request.</summary>
    private static bool ServerRead(IterationResult iteration) => iteration.Attribution?.Server is not null;
}
