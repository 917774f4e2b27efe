using System.Globalization;

namespace KEchoBench.Servers.Limits;

/// <summary>
/// Keeps the last few descriptors below the open-file limit (RLIMIT_NOFILE) free for the runtime.
/// The runtime needs descriptors of its own at any moment: creating a thread opens a pipe for its
/// start-up handshake, and when that fails the runtime reports it as an out-of-memory condition
/// the thread engine could not survive. So a connection is admitted only while it leaves
/// <see cref="Reserve"/> descriptors free, and one that would eat into them is closed at once.
/// <para>
/// The usual check is one comparison: the kernel hands out the lowest free descriptor, so an
/// accepted descriptor numbered <c>n</c> means every number below <c>n</c> was in use, and at most
/// <c>limit - n</c> are left. But Linux picks that number when <c>accept</c> is called, before it
/// waits for a client: an accept loop that went to sleep in a blocking accept while the process
/// was full (thread, workqueue) wakes with a number from then, however many descriptors have been
/// closed since. So a number in the reserve is confirmed by asking for the lowest free number now
/// (a copy with <c>fcntl(F_DUPFD)</c>, closed at once): two system calls, only when the process is,
/// or was, at its limit. (Counting /proc/self/fd instead worked too, but its first hundred calls
/// kept the JIT's tiering thread busy for a second, which the fd-limit check reads as a spin.)
/// The limit is read at each check (a cheap system call), so raising it with
/// <c>prlimit --pid</c> on a running server takes effect at once.
/// </para>
/// </summary>
internal static class DescriptorReserve
{
    /// <summary>Descriptors kept free for the runtime (thread start-up pipes, files it opens, logging).</summary>
    public const int Reserve = 32;

    /// <summary>The soft open-file limit now; null when unknown or unlimited.</summary>
    public static ulong? SoftLimit =>
        Interop.ResourceLimits.Get(Interop.ResourceLimits.RLIMIT_NOFILE) is { } limit && limit.Soft != Interop.ResourceLimits.Unlimited ? limit.Soft : null;

    /// <summary>Whether a connection on descriptor <paramref name="descriptor"/> would leave fewer than <see cref="Reserve"/> free.</summary>
    /// <param name="fresh">
    /// The number was picked when the client was taken (io_uring, a non-blocking accept), so it is
    /// the comparison alone. The confirmation is for stale numbers only, and it misjudges fresh
    /// ones taken in a burst: io_uring's multishot accept takes many descriptors before the first
    /// is checked, and once one of them is closed, the hole it leaves would pass every later one.
    /// </param>
    public static bool IsInReserve(nint descriptor, out ulong limit, bool fresh = false)
    {
        limit = SoftLimit ?? 0;
        if (limit == 0 || (ulong)descriptor + Reserve < limit)
        {
            return false;
        }

        if (fresh)
        {
            return true;
        }

        // The lowest number free now, with this descriptor taken: for an accept that just returned
        // it is n + 1 (the same verdict as n alone); for a stale n it is what accept would pick now.
        // None free at all (EMFILE) is the reserve reached.
        int lowest = Interop.Io.fcntl((int)descriptor, Interop.Io.F_DUPFD_CLOEXEC, 0);
        if (lowest < 0)
        {
            return true;
        }

        Interop.Io.close(lowest);
        return (ulong)lowest + Reserve > limit;
    }

    /// <summary>
    /// Whether, with descriptor <paramref name="descriptor"/> the highest taken, <paramref name="more"/>
    /// more would still leave the reserve free (true when the limit is unknown).
    /// </summary>
    public static bool LeavesRoomFor(nint descriptor, int more) =>
        SoftLimit is not { } limit || (ulong)descriptor + (ulong)more + Reserve < limit;

    /// <summary>Descriptors this process has open now; null when /proc is not there to tell.</summary>
    public static int? OpenNow()
    {
        try
        {
            // The listing includes the descriptor that reads the directory, which is closed again.
            return Math.Max(0, Directory.GetFileSystemEntries("/proc/self/fd").Length - 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>One sentence for the server's start: how many connections the limit leaves room for, and what happens beyond.</summary>
    public static string Describe()
    {
        if (SoftLimit is not { } limit)
        {
            return "open files: no limit known; a failed accept pauses accepting briefly and is retried";
        }

        int open = OpenNow() ?? 0;
        long room = Math.Max(0, (long)limit - open - Reserve);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"open files: the limit of {limit} (ulimit -n) leaves room for about {room} connections ({open} open now, {Reserve} kept for the runtime); beyond that a connection is closed at once and counted as rejected");
    }
}
