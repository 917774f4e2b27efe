using System.Runtime.InteropServices;

namespace KEchoBench.Bench.Processes;

/// <summary>
/// Another process's CPU time to the nanosecond, through its POSIX CPU-time clock
/// (<c>clock_getcpuclockid</c> + <c>clock_gettime</c>), dead threads included. /proc/PID/stat
/// counts in 10 ms ticks: over a 20 ms round of one client that reads as 0 % or 50 % CPU.
/// </summary>
public static partial class ProcessCpuClock
{
    /// <summary>The CPU time process <paramref name="pid"/> has used, or null when its clock cannot be read.</summary>
    public static TimeSpan? Read(int pid)
    {
        try
        {
            if (clock_getcpuclockid(pid, out int clock) != 0 || clock_gettime(clock, out var time) != 0)
            {
                return null;
            }

            return TimeSpan.FromTicks((time.Seconds * 1_000_000_000L + time.Nanoseconds) / 100);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc")]
    private static partial int clock_getcpuclockid(int pid, out int clockId);

    [LibraryImport("libc")]
    private static partial int clock_gettime(int clockId, out TimeSpec time);
}
