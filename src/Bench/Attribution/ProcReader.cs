using System.Buffers;
using System.Globalization;
using System.Text;
using KEchoBench.Bench.Timing;
using Microsoft.Win32.SafeHandles;

namespace KEchoBench.Bench.Attribution;

/// <summary>
/// Reads processes' threads and the TCP counters from a /proc tree: the real one, or a copy of
/// its files (the tests' fixtures, a kernel without schedstat among them).
/// </summary>
internal sealed class ProcReader(string root = "/proc")
{
    // A status file is about 1.5 kB, schedstat and stat lines far less: one read fills it.
    private const int BufferBytes = 8192;

    public static ProcReader System { get; } = new();

    /// <summary>The reason given for a figure that needs schedstat on a kernel without it.</summary>
    public const string NoSchedStat = "this kernel has no /proc/PID/task/TID/schedstat (built without CONFIG_SCHED_INFO)";

    /// <summary>
    /// <paramref name="pid"/>'s threads and times, every thread's <c>schedstat</c> and <c>status</c>
    /// read; null when the process is gone or unreadable. A thread that ends while it is read is
    /// left out: it is no longer there to count.
    /// </summary>
    public ProcessSnapshot? Snapshot(int pid) => Read(pid, previous: null);

    /// <summary>
    /// A cheaper read between a round's edges: each thread's <c>schedstat</c> only, and its
    /// context switches carried over from <paramref name="previous"/>; a thread not in it (new
    /// since) has its <c>status</c> read too. The <c>status</c> file is the costly one (the kernel
    /// gathers the memory figures for it), so a thread's switches after its last full read are
    /// only counted if it is still alive at the round's end.
    /// </summary>
    public ProcessSnapshot? Poll(int pid, ProcessSnapshot previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        return Read(pid, previous);
    }

    private ProcessSnapshot? Read(int pid, ProcessSnapshot? previous)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            long now = MonotonicClock.NowNs();
            if (ReadText($"{root}/{pid}/stat", buffer) is not { } stat || GroupTimes.Parse(stat) is not { } group)
            {
                return null;
            }

            var tasks = new Dictionary<int, TaskReading>(previous?.Tasks.Count ?? group.Threads);
            string? absent = null;
            string taskDir = $"{root}/{pid}/task/";
            foreach (string task in Directory.EnumerateDirectories(taskDir))
            {
                if (!int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out int tid))
                {
                    continue;
                }

                try
                {
                    if (ReadTask(task, tid, previous, buffer, ref absent) is { } reading)
                    {
                        tasks[tid] = reading;
                    }
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
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// One thread's reading from its directory <paramref name="task"/>; null when it has none to
    /// give (it ended while read, or its status shows no switches). A thread without schedstat whose directory is still there sets
    /// <paramref name="absent"/> to <see cref="NoSchedStat"/>: the kernel lacks it, so every
    /// figure that needs it says why it is missing.
    /// </summary>
    private static TaskReading? ReadTask(string task, int tid, ProcessSnapshot? previous, byte[] buffer, ref string? absent)
    {
        if (Switches(task, tid, previous, buffer) is not { } switches)
        {
            return null;
        }

        SchedStat? sched = null;
        if (ReadText(task + "/schedstat", buffer) is { } schedText)
        {
            sched = SchedStat.Parse(schedText);
        }
        else if (Directory.Exists(task))
        {
            absent = NoSchedStat;
        }
        else
        {
            return null;
        }

        return new TaskReading(sched, switches);
    }

    /// <summary>
    /// A thread's context switches: carried over from <paramref name="previous"/> when it was
    /// read there (its costly <c>status</c> file is not read again), else read from <c>status</c>;
    /// null when that cannot be read or parsed.
    /// </summary>
    private static ContextSwitches? Switches(string task, int tid, ProcessSnapshot? previous, byte[] buffer)
    {
        if (previous is not null && previous.Tasks.TryGetValue(tid, out var known))
        {
            return known.Switches;
        }

        return ReadText(task + "/status", buffer) is { } status ? ContextSwitches.Parse(status.Split('\n')) : null;
    }

    /// <summary>
    /// A small /proc file's text through one reused buffer (File.ReadAllText's reader and
    /// encoder detection cost more than the kernel's read); null when it does not exist.
    /// </summary>
    private static string? ReadText(string path, byte[] buffer)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        using (handle)
        {
            int length = 0;
            int read;
            while (length < buffer.Length && (read = RandomAccess.Read(handle, buffer.AsSpan(length), length)) > 0)
            {
                length += read;
            }

            return Encoding.ASCII.GetString(buffer, 0, length);
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
