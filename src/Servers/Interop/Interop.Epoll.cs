using System.Runtime.InteropServices;

namespace KEchoBench.Servers;

internal static partial class Interop
{
    /// <summary>Linux epoll and eventfd: the event loop engine's, the cmwq engine's readiness thread's and the load generator's wait.</summary>
    internal static unsafe partial class Epoll
    {
        public const int EPOLL_CTL_ADD = 1;
        public const int EPOLL_CTL_DEL = 2;
        public const int EPOLL_CTL_MOD = 3;

        public const uint EPOLLIN = 0x001;
        public const uint EPOLLOUT = 0x004;
        public const uint EPOLLERR = 0x008;
        public const uint EPOLLHUP = 0x010;
        public const uint EPOLLEXCLUSIVE = 1u << 28;
        public const uint EPOLLONESHOT = 1u << 30;

        public const int EPOLL_CLOEXEC = 0x80000;
        public const int EFD_CLOEXEC = 0x80000;
        public const int EFD_NONBLOCK = 0x800;

        /// <summary>
        /// struct epoll_event is packed on x86-64 (12 bytes, data at offset 4) and naturally aligned on
        /// other 64-bit architectures (16 bytes, data at offset 8). Events are read from a raw buffer
        /// with these offsets so that one build serves both.
        /// </summary>
        public static readonly int EventSize = RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86 ? 12 : 16;

        public static readonly int DataOffset = EventSize == 12 ? 4 : 8;

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int epoll_create1(int flags);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int epoll_ctl(int epfd, int op, int fd, byte* @event);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int epoll_wait(int epfd, byte* events, int maxevents, int timeout);

        /// <summary>epoll_wait with a nanosecond timeout (Linux 5.11+; ENOSYS before), for the open-loop schedule.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int epoll_pwait2(int epfd, byte* events, int maxevents, Time.Timespec* timeout, void* sigmask);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int eventfd(uint initval, int flags);

        /// <summary>Adds or changes interest in <paramref name="fd"/>; the event's data is the fd itself.</summary>
        public static int Control(int epfd, int op, int fd, uint events) => Control(epfd, op, fd, events, fd);

        /// <summary>Adds or changes interest in <paramref name="fd"/>, tagging its events with <paramref name="data"/>.</summary>
        public static int Control(int epfd, int op, int fd, uint events, int data) => Control(epfd, op, fd, events, (nint)data);

        /// <summary>Adds or changes interest in <paramref name="fd"/>, tagging its events with a pointer-sized <paramref name="data"/> (a GC handle).</summary>
        public static int Control(int epfd, int op, int fd, uint events, nint data)
        {
            byte* ev = stackalloc byte[16];
            new Span<byte>(ev, 16).Clear();
            *(uint*)ev = events;
            *(long*)(ev + DataOffset) = data;
            return epoll_ctl(epfd, op, fd, ev);
        }

        /// <summary>The event flags of the <paramref name="index"/>th event epoll_wait returned.</summary>
        public static uint EventsAt(byte* events, int index) => *(uint*)(events + (index * EventSize));

        /// <summary>The data (an fd, or the generator's slot) of the <paramref name="index"/>th event.</summary>
        public static int DataAt(byte* events, int index) => (int)TagAt(events, index);

        /// <summary>The pointer-sized data of the <paramref name="index"/>th event.</summary>
        public static nint TagAt(byte* events, int index) => (nint)(*(long*)(events + (index * EventSize) + DataOffset));
    }
}
