using System.Runtime.InteropServices;

namespace KEchoBench.Servers.Engines;

/// <summary>
/// Whether the kernel gives this process a ring with a submission thread (<c>--sqpoll</c>), and if
/// not, why. Asked only once io_uring itself is known to work (<see cref="IoUringProbe"/>): it sets
/// up a small ring with the engine's SQPOLL flags, which starts the kernel thread, and closes it.
/// The setup is injectable, so that tests can make the kernel refuse on a machine where it does not.
/// </summary>
internal sealed class SqPollProbe(Func<int> trySetup)
{
    private static readonly Lazy<string?> SystemAnswer = new(() => new SqPollProbe(TrySetup).Unavailable());

    /// <summary>This machine's answer (asked once per process): null when SQPOLL can be used, otherwise why not.</summary>
    public static string? SystemUnavailable() => SystemAnswer.Value;

    /// <summary>Null when a SQPOLL ring can be set up, otherwise the reason, one sentence starting with what failed.</summary>
    public string? Unavailable()
    {
        int errno = trySetup();
        return errno switch
        {
            0 => null,
            Interop.Errno.EPERM =>
                "the kernel refuses IORING_SETUP_SQPOLL: io_uring_setup failed with EPERM (before Linux 5.11 a submission thread needs CAP_SYS_ADMIN; a security module or seccomp filter may forbid it too)",
            Interop.Errno.EINVAL =>
                "the kernel refuses IORING_SETUP_SQPOLL: io_uring_setup failed with EINVAL (this kernel does not take a submission thread with IORING_SETUP_SINGLE_ISSUER)",
            Interop.Errno.EOPNOTSUPP =>
                "the kernel refuses IORING_SETUP_SQPOLL for sockets that are not registered: no IORING_FEAT_SQPOLL_NONFIXED (Linux 5.11+)",
            Interop.Errno.ENOMEM =>
                "the kernel refuses IORING_SETUP_SQPOLL: io_uring_setup failed with ENOMEM (the locked-memory limit, ulimit -l, or memory)",
            _ => $"the kernel refuses IORING_SETUP_SQPOLL: io_uring_setup failed with errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})",
        };
    }

    /// <summary>Sets up a small SQPOLL ring with the engine's flags and closes it; 0 or errno (EOPNOTSUPP: the ring came up without the feature the engine needs).</summary>
    private static unsafe int TrySetup()
    {
        var p = default(Interop.IoUring.Params);
        p.Flags = IoRing.SqPollSetupFlags;
        p.CqEntries = 4;
        p.SqThreadIdle = IoRing.SqThreadIdleMs;
        int fd = Interop.IoUring.Setup(2, &p);
        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        Interop.Io.close(fd);
        return (p.Features & Interop.IoUring.IORING_FEAT_SQPOLL_NONFIXED) == 0 ? Interop.Errno.EOPNOTSUPP : 0;
    }
}
