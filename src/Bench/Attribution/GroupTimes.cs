using System.Globalization;

namespace KEchoBench.Bench.Attribution;

/// <summary>
/// A whole process's user and system time in clock ticks and its thread count, from
/// <c>/proc/PID/stat</c>. Unlike the per-thread files, the process's times include the threads
/// that have already ended (the kernel adds them to the thread group when they exit).
/// </summary>
internal readonly record struct GroupTimes(long UserTicks, long SystemTicks, int Threads)
{
    /// <summary>The fields of a stat line, or null when it is not one.</summary>
    public static GroupTimes? Parse(string stat)
    {
        ArgumentNullException.ThrowIfNull(stat);

        // The command name (field 2) is in parentheses and may contain spaces and ')': parse after the last ')'.
        int close = stat.LastIndexOf(')');
        if (close < 0 || close + 2 >= stat.Length)
        {
            return null;
        }

        string[] fields = stat[(close + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);

        // After the name, field 3 (state) is at 0: utime (14) at 11, stime (15) at 12, num_threads (20) at 17.
        return fields.Length > 17
            && long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out long user)
            && long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out long system)
            && int.TryParse(fields[17], NumberStyles.None, CultureInfo.InvariantCulture, out int threads)
            ? new GroupTimes(user, system, threads)
            : null;
    }
}
