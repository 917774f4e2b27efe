using System.Globalization;
using KEchoBench.Bench.Timing;

namespace KEchoBench.Bench.Attribution;

/// <summary>
/// Reads processes' threads and the TCP counters from a /proc tree: the real one, or a copy of
/// its files (the tests' fixtures, a kernel without schedstat among them).
/// </summary>
internal sealed class ProcReader(string root = "/proc")
{
    public static ProcReader System { get; } = new();

    /// <summary>The reason given for a figure that needs schedstat on a kernel without it.</summary>
    public const string NoSchedStat = "this kernel has no /proc/PID/task/TID/schedstat (built without CONFIG_SCHED_INFO)";

    /// <summary>
    /// <paramref name="pid"/>'s threads and times, or null when the process is gone or unreadable.
    /// A thread that ends while it is read is left out: it is no longer there to count.
    /// </summary>
    public ProcessSnapshot? Snapshot(int pid)
    {
        try
        {
            long now = MonotonicClock.NowNs();
            if (GroupTimes.Parse(File.ReadAllText($"{root}/{pid}/stat")) is not { } group)
            {
                return null;
            }

            var tasks = new Dictionary<int, TaskReading>();
            string? absent = null;
            foreach (string task in Directory.EnumerateDirectories($"{root}/{pid}/task"))
            {
                if (!int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out int tid))
                {
                    continue;
                }

                try
                {
                    if (ContextSwitches.Parse(File.ReadLines(Path.Combine(task, "status"))) is not { } switches)
                    {
                        continue;
                    }

                    SchedStat? sched = null;
                    string schedFile = Path.Combine(task, "schedstat");
                    if (File.Exists(schedFile))
                    {
                        sched = SchedStat.Parse(File.ReadAllText(schedFile));
                    }
                    else if (Directory.Exists(task))
                    {
                        absent = NoSchedStat;
                    }

                    tasks[tid] = new TaskReading(sched, switches);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The thread ended between the listing and the read.
                }
            }

            return new ProcessSnapshot(tasks, group, now, absent);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The TCP counters of this network namespace, or null where they cannot be read.</summary>
    public TcpCounters? Tcp()
    {
        try
        {
            return TcpCounters.From(File.ReadAllText($"{root}/net/netstat"), File.ReadAllText($"{root}/net/snmp"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
