using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// A server's thread time split three ways: running on a CPU, runnable but waiting for one, and
/// blocked or idle. The three parts sum to <see cref="TotalMs"/>, which is the thread time, or
/// running plus waiting where sampling put those a little above it (blocked is then 0).
/// </summary>
internal sealed record ServerTimeSplit(double RunningMs, double WaitingMs, double BlockedMs)
{
    public double TotalMs => RunningMs + WaitingMs + BlockedMs;

    public double RunningShare => Share(RunningMs);

    public double WaitingShare => Share(WaitingMs);

    public double BlockedShare => Share(BlockedMs);

    /// <summary>The split of a process's times; null without the scheduler's times (<see cref="ProcessTimes.SchedStatAbsent"/>) or thread time.</summary>
    public static ServerTimeSplit? Of(ProcessTimes? times) =>
        times is { RunningMs: { } running, RunQueueWaitMs: { } waiting } && times.ThreadMs > 0
            ? new ServerTimeSplit(running, waiting, Math.Max(0, Math.Max(times.ThreadMs, running + waiting) - running - waiting))
            : null;

    /// <summary>Why a process has no split, in words for a "–".</summary>
    public static string WhyAbsent(ProcessTimes? times) =>
        times is null ? "server not measured" : times.SchedStatAbsent ?? "no thread time";

    private double Share(double part) => TotalMs > 0 ? part / TotalMs : 0;
}
