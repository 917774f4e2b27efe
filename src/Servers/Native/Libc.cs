using System.Runtime.InteropServices;

namespace KEchoBench.Servers.Native;

/// <summary>The few libc calls the engines need that .NET does not expose.</summary>
internal static partial class Libc
{
    private const string Library = "libc";

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    [LibraryImport(Library, SetLastError = true)]
    private static partial int nanosleep(in Timespec request, out Timespec remaining);

    /// <summary>Blocks the calling thread for the duration, with microsecond precision; resumes after signals.</summary>
    public static void SleepPrecise(TimeSpan duration)
    {
        long ns = duration.Ticks * 100;
        var request = new Timespec { Seconds = (nint)(ns / 1_000_000_000), Nanoseconds = (nint)(ns % 1_000_000_000) };
        while (nanosleep(request, out var remaining) != 0 && Marshal.GetLastPInvokeError() == Errno.EINTR)
        {
            request = remaining;
        }
    }
}
