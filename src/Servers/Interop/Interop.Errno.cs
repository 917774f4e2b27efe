namespace KEchoBench.Servers;

internal static partial class Interop
{
    /// <summary>Linux errno values the native paths test for.</summary>
    internal static class Errno
    {
        public const int EPERM = 1;
        public const int ESRCH = 3;
        public const int EINTR = 4;
        public const int EAGAIN = 11;
        public const int ENOMEM = 12;
        public const int EBUSY = 16;
        public const int EINVAL = 22;
        public const int ENFILE = 23;
        public const int EMFILE = 24;
        public const int EPIPE = 32;
        public const int ENOSYS = 38;
        public const int ETIME = 62;
        public const int ECONNABORTED = 103;
        public const int ECONNRESET = 104;
        public const int EOPNOTSUPP = 95;
        public const int ENOBUFS = 105;
        public const int ETIMEDOUT = 110;
        public const int ECONNREFUSED = 111;
        public const int EINPROGRESS = 115;
        public const int ECANCELED = 125;
    }
}
