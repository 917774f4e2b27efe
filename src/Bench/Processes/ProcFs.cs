using System.Globalization;
using KEchoBench.Servers;
using KEchoBench.Bench.Timing;

namespace KEchoBench.Bench.Processes;

/// <summary>
/// Reads a process's figures from <c>/proc/&lt;pid&gt;/stat</c> (utime, stime in clock ticks) and
/// <c>/proc/&lt;pid&gt;/status</c> (Threads, VmRSS), the CPU time from the process's CPU clock
/// (<see cref="ProcessCpuClock"/>) where it can be read. Works for any process we may read, ours or not.
/// </summary>
internal static partial class ProcFs
{
    /// <summary>The kernel's clock ticks per second, the unit of /proc/PID/stat's times.</summary>
    public static long TicksPerSecond { get; } = ReadClockTicks();

    /// <summary>A sample of <paramref name="pid"/>, or null when the process is gone or unreadable.</summary>
    public static ProcessSample? Sample(int pid)
    {
        try
        {
            long now = MonotonicClock.NowNs();
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

    /// <summary>How many descriptors <paramref name="pid"/> has open (<c>/proc/PID/fd</c>).</summary>
    public static int OpenDescriptors(int pid) => Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;

    /// <summary>
    /// How many of <paramref name="pid"/>'s threads are running or waiting for a CPU (state R) right
    /// now. Unlike CPU time this does not shrink when the machine is busy: a thread that never
    /// sleeps is in state R whether or not it gets a CPU.
    /// </summary>
    public static int RunnableThreads(int pid)
    {
        int runnable = 0;
        try
        {
            foreach (string task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    string stat = File.ReadAllText(Path.Combine(task, "stat"));
                    int end = stat.LastIndexOf(')');
                    if (end > 0 && end + 2 < stat.Length && stat[end + 2] == 'R')
                    {
                        runnable++;
                    }
                }
                catch (IOException)
                {
                    // The thread ended between listing and reading.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        return runnable;
    }

    private static long ReadClockTicks()
    {
        try
        {
            long value = Interop.Proc.sysconf(Interop.Proc._SC_CLK_TCK);
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
}
