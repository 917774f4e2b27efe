using System.Runtime.InteropServices;

namespace KEchoBench.Bench.Load.Native;

/// <summary>
/// The libc calls the load generator's event loops make: non-blocking sockets driven by a
/// level-triggered epoll, exactly as a native client would, so that the generator costs no more
/// than one system call per send and per receive and allocates nothing per request. Linux only.
/// </summary>
internal static unsafe partial class LinuxNet
{
    private const string Library = "libc";

    public const int AF_INET = 2;
    public const int AF_INET6 = 10;
    public const int SOCK_STREAM = 1;
    public const int SOCK_NONBLOCK = 0x800;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int SOL_SOCKET = 1;
    public const int SO_ERROR = 4;
    public const int SO_LINGER = 13;
    public const int IPPROTO_TCP = 6;
    public const int TCP_NODELAY = 1;
    public const int MSG_NOSIGNAL = 0x4000;

    public const int EPOLL_CLOEXEC = 0x80000;
    public const int EPOLL_CTL_ADD = 1;
    public const int EPOLL_CTL_DEL = 2;
    public const int EPOLL_CTL_MOD = 3;
    public const uint EPOLLIN = 0x001;
    public const uint EPOLLOUT = 0x004;
    public const uint EPOLLERR = 0x008;
    public const uint EPOLLHUP = 0x010;

    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int EPIPE = 32;
    public const int EMFILE = 24;
    public const int ENFILE = 23;
    public const int ECONNRESET = 104;
    public const int ETIMEDOUT = 110;
    public const int ECONNREFUSED = 111;
    public const int EINPROGRESS = 115;
    public const int ENOSYS = 38;

    /// <summary>
    /// struct epoll_event is packed on x86-64 (12 bytes, data at offset 4) and naturally aligned
    /// elsewhere (16 bytes, data at offset 8); events are read through these offsets.
    /// </summary>
    public static readonly int EventSize = RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86 ? 12 : 16;

    public static readonly int DataOffset = EventSize == 12 ? 4 : 8;

    [StructLayout(LayoutKind.Sequential)]
    public struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport(Library, SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int connect(int fd, byte* address, int addressLength);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int getsockopt(int fd, int level, int name, void* value, int* length);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int setsockopt(int fd, int level, int name, void* value, int length);

    /// <summary>
    /// read(2) on a non-blocking socket: it never waits, so the call skips the GC transition, and
    /// since no runtime code then runs between the call and the caller, errno can be read with
    /// <see cref="Marshal.GetLastSystemError"/> right after a failure. (SetLastError would save and
    /// restore errno around every call: two more native calls per request on the hot path.)
    /// </summary>
    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial nint read(int fd, byte* buffer, nint count);

    /// <summary>
    /// write(2) on a non-blocking socket; see <see cref="read"/>. (The runtime ignores SIGPIPE, so
    /// a write to a reset connection fails with EPIPE and needs no MSG_NOSIGNAL send(2).)
    /// </summary>
    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial nint write(int fd, byte* buffer, nint count);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int epoll_create1(int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int epoll_ctl(int epfd, int op, int fd, byte* @event);

    /// <summary>Blocks, so it keeps the GC transition; its errors (EINTR) are retried as a wake-up, so errno is not kept.</summary>
    [LibraryImport(Library)]
    public static partial int epoll_wait(int epfd, byte* events, int maxevents, int timeout);

    /// <summary>epoll_wait with a nanosecond timeout (Linux 5.11+), for the open-loop schedule.</summary>
    [LibraryImport(Library, SetLastError = true)]
    public static partial int epoll_pwait2(int epfd, byte* events, int maxevents, Timespec* timeout, void* sigmask);

    public static int Control(int epfd, int op, int fd, uint events, int data)
    {
        byte* ev = stackalloc byte[16];
        new Span<byte>(ev, 16).Clear();
        *(uint*)ev = events;
        *(long*)(ev + DataOffset) = data;
        return epoll_ctl(epfd, op, fd, ev);
    }

    public static uint EventsAt(byte* events, int index) => *(uint*)(events + (index * EventSize));

    public static int DataAt(byte* events, int index) => (int)*(long*)(events + (index * EventSize) + DataOffset);

    public static int SocketError(int fd)
    {
        int error = 0;
        int length = sizeof(int);
        return getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 ? error : Marshal.GetLastPInvokeError();
    }

    public static void SetNoDelay(int fd)
    {
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(int));
    }
}
