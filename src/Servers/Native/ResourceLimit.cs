using System.Runtime.InteropServices;

namespace KEchoBench.Servers.Native;

/// <summary>getrlimit(2) for the two limits a server meets first: open files and processes (threads).</summary>
internal static partial class ResourceLimit
{
    public const int RlimitNproc = 6;
    public const int RlimitNofile = 7;

    /// <summary>What getrlimit reports for "no limit".</summary>
    public const ulong Unlimited = ulong.MaxValue;

    [StructLayout(LayoutKind.Sequential)]
    private struct Rlimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    /// <summary>The soft and hard limit of <paramref name="resource"/>; null when they cannot be read (not Linux).</summary>
    public static (ulong Soft, ulong Hard)? Get(int resource)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        return getrlimit(resource, out var limit) == 0 ? (limit.Current, limit.Maximum) : null;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrlimit(int resource, out Rlimit limit);
}
