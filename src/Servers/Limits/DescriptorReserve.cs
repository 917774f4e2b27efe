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
/// closed since. So a number in the reserve is confirmed by counting the descriptors open now
/// (/proc/self/fd), which costs a directory read only when the process is, or was, at its limit.
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
    public static bool IsInReserve(nint descriptor, out ulong limit)
    {
        limit = SoftLimit ?? 0;
        if (limit == 0 || (ulong)descriptor + Reserve < limit)
        {
            return false;
        }

        // Descriptor n (counted from 0) leaves limit - n - 1 free when every lower one is in use;
        // the count says how many are in use now, whatever n was picked from. Without /proc the
        // number decides.
        return OpenNow() is not { } open || (ulong)open + Reserve > limit;
    }

    /// <summary>Descriptors this process has open now; null when /proc is not there to tell.</summary>
    public static int? OpenNow()
    {
        try
        {
            return Directory.GetFileSystemEntries("/proc/self/fd").Length;
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
