using System.Runtime.InteropServices;

namespace KEchoBench.Servers.Engines;

/// <summary>
/// Whether this process may use io_uring as the uring engine does, and if not, why, in words a user
/// can act on. It sets up (and closes at once) a ring with the engine's own setup flags, and tells
/// the failures apart by errno and by <c>/proc/sys/kernel/io_uring_disabled</c>:
/// ENOSYS (no io_uring in the kernel, or a filter that answers ENOSYS), EPERM with the sysctl at 2
/// (disabled for everyone) or 1 (only for a group this process is not in), EPERM with the sysctl at
/// 0 or absent (a seccomp filter, as container runtimes install), EINVAL (a kernel older than the
/// features the engine needs). The two sources are injectable, so that tests can make each failure
/// happen on a machine where io_uring works.
/// </summary>
internal sealed class IoUringProbe(Func<int> trySetup, Func<string?> readDisabledSetting)
{
    public const string DisabledSettingPath = "/proc/sys/kernel/io_uring_disabled";

    private static readonly Lazy<string?> SystemAnswer = new(() => new IoUringProbe(TrySetup, ReadDisabledSetting).Unavailable());

    /// <summary>This machine's answer (asked once per process): null when the engine can run, otherwise why not.</summary>
    public static string? SystemUnavailable() => SystemAnswer.Value;

    /// <summary>Null when io_uring can be used, otherwise the reason, one sentence starting with what failed.</summary>
    public string? Unavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "io_uring is Linux only";
        }

        int errno = trySetup();
        if (errno == 0)
        {
            return null;
        }

        string? setting = readDisabledSetting()?.Trim();
        return errno switch
        {
            Interop.Errno.ENOSYS =>
                "io_uring is missing: io_uring_setup failed with ENOSYS (a kernel older than 5.1 or built without CONFIG_IO_URING, or a seccomp filter that answers ENOSYS)",
            Interop.Errno.EPERM when setting == "2" =>
                $"io_uring is disabled on this machine: {DisabledSettingPath} is 2 (no process may create a ring); set it to 0 (sysctl kernel.io_uring_disabled=0) to run this engine",
            Interop.Errno.EPERM when setting == "1" =>
                $"io_uring is restricted on this machine: {DisabledSettingPath} is 1 and this process is neither in kernel.io_uring_group nor has CAP_SYS_ADMIN",
            Interop.Errno.EPERM =>
                $"io_uring is forbidden for this process: io_uring_setup failed with EPERM although {DisabledSettingPath} is {setting ?? "absent"}, so a seccomp filter denies it (container runtimes' default profiles do); allow io_uring_setup, io_uring_enter and io_uring_register",
            Interop.Errno.EINVAL =>
                "io_uring is too old in this kernel: io_uring_setup refused IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN (Linux 6.1+), which this engine needs along with multishot receive (6.0) and provided buffer rings (5.19)",
            Interop.Errno.ENOMEM =>
                "io_uring could not be set up: io_uring_setup failed with ENOMEM (the locked-memory limit, ulimit -l, or memory)",
            _ => $"io_uring could not be set up: io_uring_setup failed with errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})",
        };
    }

    /// <summary>Sets up a small ring with the engine's flags and closes it; 0 or errno.</summary>
    private static unsafe int TrySetup()
    {
        var p = default(Interop.IoUring.Params);
        p.Flags = IoRing.SetupFlags;
        p.CqEntries = 4;
        int fd = Interop.IoUring.Setup(2, &p);
        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        Interop.Io.close(fd);
        return 0;
    }

    private static string? ReadDisabledSetting()
    {
        try
        {
            return File.ReadAllText(DisabledSettingPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
