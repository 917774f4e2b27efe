using KEchoBench.Servers;

namespace KEchoBench.Bench.Processes;

/// <summary>
/// Another process's CPU time to the nanosecond, through its POSIX CPU-time clock
/// (<c>clock_getcpuclockid</c> + <c>clock_gettime</c>), dead threads included. /proc/PID/stat
/// counts in 10 ms ticks: over a 20 ms round of one client that reads as 0 % or 50 % CPU.
/// </summary>
internal static class ProcessCpuClock
{
    /// <summary>The CPU time process <paramref name="pid"/> has used, or null when its clock cannot be read.</summary>
    public static TimeSpan? Read(int pid)
    {
        try
        {
            if (Interop.Time.clock_getcpuclockid(pid, out int clock) != 0 || Interop.Time.clock_gettime(clock, out var time) != 0)
            {
                return null;
            }

            return TimeSpan.FromTicks(time.TotalNanoseconds / 100);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }
}
