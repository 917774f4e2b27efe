using System.Runtime.InteropServices;

namespace KEchoBench.Servers;

internal static partial class Interop
{
    /// <summary>Calls about processes: signals, CPU affinity and the clock tick that /proc counts CPU time in.</summary>
    internal static partial class Proc
    {
        public const int _SC_CLK_TCK = 2;

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int kill(int pid, int signal);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial long sysconf(int name);

        /// <summary>Pins thread or process <paramref name="pid"/> to the CPUs set in <paramref name="mask"/> (the A/B gate's placement).</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int sched_setaffinity(int pid, nint size, ulong[] mask);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int sched_getaffinity(int pid, nint size, [Out] ulong[] mask);
    }
}
