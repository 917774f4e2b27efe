namespace KEchoBench.Bench.Results;

/// <summary>
/// When a round's latency is partly the load generator's: its threads waited for a CPU clearly
/// more, for the CPU time they wanted, than the server's did, and that wait is a sizeable part of
/// a round trip.
/// </summary>
/// <remarks>
/// Totals cannot tell: the generator runs more threads and more CPU per request than most servers,
/// so its summed run-queue wait exceeds the server's in nearly every round on shared cores, and
/// per request the two totals share one denominator. The <see cref="WaitingShare"/> of each side
/// (wait ÷ (running + wait)) is independent of how many threads each has and of idle threads;
/// the second condition keeps the flag off rounds where the wait, however lopsided, is small next
/// to the round trip (a thousand queued clients wait for the server, not for the generator).
/// </remarks>
internal static class ClientWaitRule
{
    /// <summary>The generator's waiting share must exceed the server's by at least this much (0.15: 15 percentage points).</summary>
    public const double ShareMargin = 0.15;

    /// <summary>The generator's run-queue wait per request must be at least this part of the round's mean latency.</summary>
    public const double LatencyPart = 0.25;

    /// <summary>Of the time a process's threads wanted a CPU (running or runnable), the share they spent waiting for one; null without schedstat.</summary>
    public static double? WaitingShare(ProcessTimes? process) =>
        process is { RunningMs: { } running, RunQueueWaitMs: { } wait } && running + wait > 0 ? wait / (running + wait) : null;

    /// <summary>Whether the round is flagged; false when either side's scheduler times are absent or no request completed.</summary>
    public static bool Applies(RoundAttribution? attribution, long requests, double meanLatencyUs) =>
        attribution is not null
        && WaitingShare(attribution.Server) is { } server
        && WaitingShare(attribution.Client) is { } client
        && client >= server + ShareMargin
        && PerRequestTimes.RunQueueWaitUs(attribution.Client, requests) is { } clientWaitUs
        && meanLatencyUs > 0
        && clientWaitUs >= LatencyPart * meanLatencyUs;
}
