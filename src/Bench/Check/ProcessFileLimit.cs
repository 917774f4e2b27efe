using System.Runtime.InteropServices;

namespace KEchoBench.Bench.Check;

/// <summary>
/// Lowers another process's open-file limit (RLIMIT_NOFILE) with <c>prlimit(2)</c>, as
/// <c>prlimit --pid</c> does, and counts its open descriptors from <c>/proc/PID/fd</c>.
/// Allowed for our own children without privileges.
/// </summary>
public static partial class ProcessFileLimit
{
    private const int RlimitNofile = 7;

    [StructLayout(LayoutKind.Sequential)]
    private struct Rlimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    public static int OpenDescriptors(int pid) => Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;

    /// <summary>Sets both the soft and the hard limit (so the server cannot raise it back); returns the errno on failure, 0 on success.</summary>
    public static int Set(int pid, ulong limit)
    {
        var value = new Rlimit { Current = limit, Maximum = limit };
        return prlimit(pid, RlimitNofile, in value, IntPtr.Zero) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int prlimit(int pid, int resource, in Rlimit newLimit, IntPtr oldLimit);
}
