using System.Runtime.InteropServices;

namespace KEchoBench.Servers;

internal static partial class Interop
{
    /// <summary>The raw socket calls of the event loop engine (accept, recv, send) and the load generator (socket, connect).</summary>
    internal static unsafe partial class Sockets
    {
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
        public const int MSG_DONTWAIT = 0x40;
        public const int MSG_WAITALL = 0x100;
        public const int MSG_NOSIGNAL = 0x4000;
        public const int SHUT_WR = 1;
        public const int SHUT_RDWR = 2;

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int socket(int domain, int type, int protocol);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int connect(int fd, byte* address, int addressLength);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int accept4(int fd, void* address, void* addressLength, int flags);

        /// <summary>
        /// The server's receive keeps errno (SetLastError): an engine's echo path tells EAGAIN from a
        /// reset and must not miss either; the generator's cheaper read is <see cref="Io.ReadNonBlocking"/>.
        /// </summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial nint recv(int fd, byte* buffer, nint length, int flags);

        /// <summary>The server's send, with MSG_NOSIGNAL and errno kept; see <see cref="recv"/>.</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial nint send(int fd, byte* buffer, nint length, int flags);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int shutdown(int fd, int how);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int getpeername(int fd, void* address, int* addressLength);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int getsockopt(int fd, int level, int name, void* value, int* length);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int setsockopt(int fd, int level, int name, void* value, int length);

        /// <summary>The pending error of <paramref name="fd"/> (SO_ERROR): how a non-blocking connect ended.</summary>
        public static int SocketError(int fd)
        {
            int error = 0;
            int length = sizeof(int);
            return getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 ? error : Marshal.GetLastPInvokeError();
        }

        /// <summary>Sets TCP_NODELAY; returns setsockopt's result (0, or -1 with errno).</summary>
        public static int SetNoDelay(int fd)
        {
            int one = 1;
            return setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(int));
        }

        /// <summary>Makes the close of <paramref name="fd"/> a reset (SO_LINGER on, 0 s); returns setsockopt's result.</summary>
        public static int ResetOnClose(int fd)
        {
            var linger = new Linger { OnOff = 1, Seconds = 0 };
            return setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, sizeof(Linger));
        }

        /// <summary>struct linger: SO_LINGER's value.</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct Linger
        {
            public int OnOff;
            public int Seconds;
        }
    }
}
