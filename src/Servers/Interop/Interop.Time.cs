using System.Runtime.InteropServices;

namespace KEchoBench.Servers;

internal static partial class Interop
{
    /// <summary>nanosleep and the POSIX CPU-time clocks.</summary>
    internal static partial class Time
    {
        /// <summary>struct timespec: time_t and long are both the word size on Linux.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct Timespec
        {
            public nint Seconds;
            public nint Nanoseconds;

            public static Timespec FromNanoseconds(long ns) => new() { Seconds = (nint)(ns / 1_000_000_000), Nanoseconds = (nint)(ns % 1_000_000_000) };

            public readonly long TotalNanoseconds => (Seconds * 1_000_000_000L) + Nanoseconds;
        }

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int nanosleep(in Timespec request, out Timespec remaining);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int clock_getcpuclockid(int pid, out int clockId);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int clock_gettime(int clockId, out Timespec time);

        /// <summary>Blocks the calling thread for the duration, with microsecond precision; resumes after signals.</summary>
        public static void SleepPrecise(TimeSpan duration)
        {
            var request = Timespec.FromNanoseconds(duration.Ticks * 100);
            while (nanosleep(request, out var remaining) != 0 && Marshal.GetLastPInvokeError() == Errno.EINTR)
            {
                request = remaining;
            }
        }
    }
}
