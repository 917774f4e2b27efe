using System.Runtime.InteropServices;
using KEchoBench.Servers;

// Not KEchoBench.Bench.Environment: that namespace would hide System.Environment from every KEchoBench.Bench.* file.
namespace KEchoBench.Bench.RunEnvironment;

/// <summary>
/// The per-process open-file limit (RLIMIT_NOFILE), which caps how many connections one process
/// can hold (kecho's bench hit the default 1024). The soft limit may be raised up to the hard limit
/// without privileges.
/// </summary>
internal static class OpenFileLimit
{
    /// <summary>The soft and hard limits now (ulong.MaxValue = unlimited); zeros when unknown.</summary>
    public static (ulong Soft, ulong Hard) Get() =>
        Interop.ResourceLimits.Get(Interop.ResourceLimits.RLIMIT_NOFILE) ?? (0, 0);

    /// <summary>
    /// Makes sure <paramref name="needed"/> descriptors fit, raising the soft limit toward the hard
    /// one when they do not. Returns null when they fit, else a sentence saying why they cannot.
    /// </summary>
    public static string? EnsureAtLeast(long needed)
    {
        var (soft, hard) = Get();
        if (soft == 0 || (ulong)needed <= soft)
        {
            return null;
        }

        ulong target = Math.Min(hard, Math.Max((ulong)needed, soft));
        var raised = new Interop.ResourceLimits.Rlimit { Current = target, Maximum = hard };
        if (Interop.ResourceLimits.setrlimit(Interop.ResourceLimits.RLIMIT_NOFILE, in raised) == 0 && (ulong)needed <= target)
        {
            return null;
        }

        (soft, hard) = Get();
        return $"{needed} file descriptors are needed but the open-file limit is {soft} (hard limit {hard}); raise it (ulimit -n) or use fewer --clients";
    }

    /// <summary>
    /// Sets another process's soft and hard limits (<c>prlimit(2)</c>, as <c>prlimit --pid</c>;
    /// allowed for our own children). Returns 0, or the errno.
    /// </summary>
    public static int SetFor(int pid, ulong limit)
    {
        var value = new Interop.ResourceLimits.Rlimit { Current = limit, Maximum = limit };
        return Interop.ResourceLimits.prlimit(pid, Interop.ResourceLimits.RLIMIT_NOFILE, in value, IntPtr.Zero) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }
}
