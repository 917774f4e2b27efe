using System.Runtime.InteropServices;

namespace KEchoBench.Servers;

internal static partial class Interop
{
    /// <summary>getrlimit, setrlimit and prlimit for the two limits a server meets first: open files and processes (threads).</summary>
    internal static partial class ResourceLimits
    {
        public const int RLIMIT_NPROC = 6;
        public const int RLIMIT_NOFILE = 7;

        /// <summary>What getrlimit reports for "no limit" (RLIM_INFINITY).</summary>
        public const ulong Unlimited = ulong.MaxValue;

        [StructLayout(LayoutKind.Sequential)]
        internal struct Rlimit
        {
            public ulong Current;
            public ulong Maximum;
        }

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int getrlimit(int resource, out Rlimit limit);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int setrlimit(int resource, in Rlimit limit);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int prlimit(int pid, int resource, in Rlimit newLimit, IntPtr oldLimit);

        /// <summary>The soft and hard limit of <paramref name="resource"/>; null when they cannot be read (not Linux).</summary>
        public static (ulong Soft, ulong Hard)? Get(int resource)
        {
            if (!OperatingSystem.IsLinux())
            {
                return null;
            }

            return getrlimit(resource, out var limit) == 0 ? (limit.Current, limit.Maximum) : null;
        }
    }
}
