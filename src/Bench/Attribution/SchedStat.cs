using System.Globalization;

namespace KEchoBench.Bench.Attribution;

/// <summary>
/// One thread's <c>/proc/PID/task/TID/schedstat</c>: nanoseconds on a CPU, nanoseconds runnable
/// but waiting on a run queue for one, and how many times it got a CPU. The kernel keeps it per
/// thread (it is the thread's <c>sched_info</c>); <c>/proc/PID/schedstat</c> is the same line for
/// the process's first thread only, not a sum over the process.
/// </summary>
internal readonly record struct SchedStat(long OnCpuNs, long RunQueueWaitNs, long Timeslices)
{
    /// <summary>The three fields of <paramref name="text"/>, or null when it is not that line.</summary>
    public static SchedStat? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return fields.Length >= 3
            && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out long cpu)
            && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out long wait)
            && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out long slices)
            ? new SchedStat(cpu, wait, slices)
            : null;
    }
}
