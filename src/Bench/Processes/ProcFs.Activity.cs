using System.Globalization;

namespace KEchoBench.Bench.Processes;

internal static partial class ProcFs
{
    /// <summary>
    /// Context switches of every live thread of <paramref name="pid"/> and its syscr/syscw, or null
    /// when the process is gone or /proc does not let us read them.
    /// </summary>
    public static ProcessActivity? Activity(int pid)
    {
        try
        {
            var threads = new Dictionary<int, (long, long)>();
            foreach (string task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                if (!int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out int tid))
                {
                    continue;
                }

                try
                {
                    long voluntary = 0;
                    long involuntary = 0;
                    foreach (string line in File.ReadLines(Path.Combine(task, "status")))
                    {
                        if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal))
                        {
                            voluntary = ValueAfterColon(line);
                        }
                        else if (line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                        {
                            involuntary = ValueAfterColon(line);
                        }
                    }

                    threads[tid] = (voluntary, involuntary);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The thread ended while we listed them: it no longer counts.
                }
            }

            long reads = 0;
            long writes = 0;
            foreach (string line in File.ReadLines($"/proc/{pid}/io"))
            {
                if (line.StartsWith("syscr:", StringComparison.Ordinal))
                {
                    reads = ValueAfterColon(line);
                }
                else if (line.StartsWith("syscw:", StringComparison.Ordinal))
                {
                    writes = ValueAfterColon(line);
                }
            }

            return threads.Count == 0 ? null : new ProcessActivity(threads, reads, writes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Time stolen from this machine's CPUs by its hypervisor so far (the <c>steal</c> column of
    /// <c>/proc/stat</c>'s <c>cpu</c> line, all CPUs together), or null where it is not reported.
    /// </summary>
    public static TimeSpan? StealTime()
    {
        try
        {
            string? line = File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
            string[] fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];

            // cpu user nice system idle iowait irq softirq steal ...
            if (fields.Length < 9)
            {
                return null;
            }

            long ticks = long.Parse(fields[8], CultureInfo.InvariantCulture);
            return TimeSpan.FromTicks(ticks * TimeSpan.TicksPerSecond / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static long ValueAfterColon(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
}
