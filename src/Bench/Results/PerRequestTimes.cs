namespace KEchoBench.Bench.Results;

/// <summary>
/// The server's scheduling figures per request, defined once: <c>bench</c>'s columns and
/// <c>compare</c> (<see cref="AttributionMetrics"/>) and the A/B gate (<c>ab</c>'s runq, vcsw and
/// ivcsw) all take them from here. Null where the figure is absent (no schedstat, no request).
/// </summary>
internal static class PerRequestTimes
{
    public static double? RunQueueWaitUs(ProcessTimes? server, long requests) =>
        server?.RunQueueWaitMs is { } wait && requests > 0 ? wait * 1000 / requests : null;

    public static double? VoluntarySwitches(ProcessTimes? server, long requests) =>
        server is not null && requests > 0 ? (double)server.VoluntarySwitches / requests : null;

    public static double? InvoluntarySwitches(ProcessTimes? server, long requests) =>
        server is not null && requests > 0 ? (double)server.InvoluntarySwitches / requests : null;
}
