using System.Globalization;
using System.Runtime.InteropServices;
using KEchoBench.Servers;

namespace KEchoBench.Bench.Processes;

/// <summary>
/// Pins a whole process (every thread it has now; threads it creates later inherit their
/// creator's set) to a set of CPUs with <c>sched_setaffinity</c>, and reads which CPUs this
/// process may use.
/// </summary>
internal static class CpuAffinity
{
    /// <summary>The CPUs this process may run on, in order (empty when they cannot be read).</summary>
    public static IReadOnlyList<int> Allowed()
    {
        var mask = new ulong[16];
        try
        {
            if (Interop.Proc.sched_getaffinity(0, (nint)(mask.Length * sizeof(ulong)), mask) != 0)
            {
                return [];
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return [];
        }

        var cpus = new List<int>();
        for (int cpu = 0; cpu < mask.Length * 64; cpu++)
        {
            if ((mask[cpu / 64] & (1UL << (cpu % 64))) != 0)
            {
                cpus.Add(cpu);
            }
        }

        return cpus;
    }

    /// <summary>Pins every thread of <paramref name="pid"/> to <paramref name="cpus"/>; false when any could not be pinned.</summary>
    public static bool Pin(int pid, IReadOnlyCollection<int> cpus)
    {
        ArgumentNullException.ThrowIfNull(cpus);
        var mask = new ulong[16];
        foreach (int cpu in cpus)
        {
            mask[cpu / 64] |= 1UL << (cpu % 64);
        }

        bool all = true;
        try
        {
            foreach (string task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                if (int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out int tid)
                    && Interop.Proc.sched_setaffinity(tid, (nint)(mask.Length * sizeof(ulong)), mask) != 0)
                {
                    // A thread that ended meanwhile (ESRCH) is no failure; anything else is.
                    all &= Marshal.GetLastPInvokeError() == Interop.Errno.ESRCH;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }

        return all;
    }
}
