using System.Globalization;

namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>
/// Reads a process's CPU time, thread count and resident memory from /proc. Used for servers
/// known only by their process id (an external server given with <c>--server-pid</c>) and for
/// the peak-thread sampling done during every measured round.
/// </summary>
public static class ProcessCounters
{
    // USER_HZ: the unit of utime/stime in /proc/PID/stat. It is 100 on every Linux ABI .NET runs on.
    private const double ClockTicksPerSecond = 100;

    /// <summary>The counters of process <paramref name="pid"/>, or null when it has gone or /proc is unavailable.</summary>
    public static ServerSample? Read(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");

            // The command name (field 2) is in parentheses and may contain spaces: parse after the last ')'.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

            // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
            long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            int threads = 0;
            long rssBytes = 0;
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    threads = int.Parse(line.AsSpan(8).Trim(), CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rssBytes = 1024 * long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }

            return new ServerSample(TimeSpan.FromSeconds(ticks / ClockTicksPerSecond), threads, rssBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
