using System.Globalization;
using System.Runtime.InteropServices;

namespace KEchoBench.Bench.Processes;

/// <summary>
/// Reads a process's figures from <c>/proc/&lt;pid&gt;/stat</c> (utime, stime in clock ticks) and
/// <c>/proc/&lt;pid&gt;/status</c> (Threads, VmRSS), the CPU time from the process's CPU clock
/// (<see cref="ProcessCpuClock"/>) where it can be read. Works for any process we may read, ours or not.
/// </summary>
public static partial class ProcFs
{
    private const int ScClkTck = 2;

    private static readonly long TicksPerSecond = ReadClockTicks();

    /// <summary>A sample of <paramref name="pid"/>, or null when the process is gone or unreadable.</summary>
    public static ProcessSample? Sample(int pid)
    {
        try
        {
            long now = Load.MonotonicClock.NowNs();
            string stat = File.ReadAllText($"/proc/{pid}/stat");

            // The command name (field 2) is in parentheses and may contain spaces: parse after the last ')'.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

            // After the name: state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
            long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            var cpu = TimeSpan.FromTicks(ticks * TimeSpan.TicksPerSecond / TicksPerSecond);
            int threads = 0;
            long rss = 0;
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    threads = int.Parse(line.AsSpan(8).Trim(), CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
                }
            }

            // The CPU clock reads to the nanosecond; the ticks only where it cannot be read.
            var precise = ProcessCpuClock.Read(pid);
            return new ProcessSample(precise ?? cpu, threads, rss, now, precise is not null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static long ReadClockTicks()
    {
        try
        {
            long value = sysconf(ScClkTck);
            return value > 0 ? value : 100;
        }
        catch (DllNotFoundException)
        {
            return 100;
        }
        catch (EntryPointNotFoundException)
        {
            return 100;
        }
    }

    [LibraryImport("libc")]
    private static partial long sysconf(int name);
}
