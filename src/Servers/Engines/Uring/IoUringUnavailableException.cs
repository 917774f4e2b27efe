namespace KEchoBench.Servers.Engines;

/// <summary>
/// The kernel will not give this process an io_uring (too old, disabled by sysctl, forbidden by a
/// seccomp filter); the message says which. A <see cref="PlatformNotSupportedException"/>, so that
/// <c>serve</c> reports it and exits 2 as it does for any engine this machine cannot run.
/// </summary>
internal sealed class IoUringUnavailableException : PlatformNotSupportedException
{
    public IoUringUnavailableException()
    {
    }

    public IoUringUnavailableException(string message)
        : base(message)
    {
    }

    public IoUringUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
