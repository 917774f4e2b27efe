using System.Globalization;

namespace KEchoBench.Servers.Limits;

/// <summary>
/// The limits that decide how many threads the process can create, for the thread engine's
/// start-up sentence. No single figure is exact (RLIMIT_NPROC counts every thread of the user, and
/// is not enforced for root), so all are named, with their current values.
/// </summary>
internal static class ThreadLimits
{
    public static string Describe()
    {
        var parts = new List<string>();
        if (Interop.ResourceLimits.Get(Interop.ResourceLimits.RLIMIT_NPROC) is { } nproc)
        {
            parts.Add(nproc.Soft == Interop.ResourceLimits.Unlimited ? "ulimit -u unlimited" : $"ulimit -u {nproc.Soft}");
        }

        AddSysctl(parts, "kernel.threads-max", "/proc/sys/kernel/threads-max");
        AddSysctl(parts, "vm.max_map_count", "/proc/sys/vm/max_map_count");
        return parts.Count == 0 ? "the system's thread limits" : string.Join(", ", parts);
    }

    private static void AddSysctl(List<string> parts, string name, string path)
    {
        try
        {
            string value = File.ReadAllText(path).Trim();
            if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                parts.Add($"{name} {value}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or hidden: the other limits are still named.
        }
    }
}
