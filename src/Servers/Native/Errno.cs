namespace KEchoBench.Servers.Native;

/// <summary>Linux errno values the native paths test for.</summary>
internal static class Errno
{
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int EPIPE = 32;
    public const int ECONNABORTED = 103;
    public const int ECONNRESET = 104;
    public const int EMFILE = 24;
    public const int ENFILE = 23;
    public const int ENOMEM = 12;
    public const int ENOBUFS = 105;
}
