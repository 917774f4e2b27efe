using System.Runtime.InteropServices;

namespace KEchoBench.Servers;

internal static partial class Interop
{
    /// <summary>read, write and close on a descriptor.</summary>
    internal static unsafe partial class Io
    {
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial nint read(int fd, byte* buffer, nint count);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial nint write(int fd, byte* buffer, nint count);

        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int close(int fd);

        /// <summary>fcntl's command: a copy of the descriptor on the lowest free number at or above the argument, close-on-exec.</summary>
        public const int F_DUPFD_CLOEXEC = 1030;

        /// <summary>fcntl(2) with an int argument (F_DUPFD_CLOEXEC).</summary>
        [LibraryImport(Libraries.Libc, SetLastError = true)]
        public static partial int fcntl(int fd, int cmd, int arg);

        /// <summary>Closes <paramref name="fd"/> unless it is -1 already, and sets it to -1: a descriptor the caller owns is closed once.</summary>
        public static void CloseOnce(ref int fd)
        {
            if (fd >= 0)
            {
                close(fd);
                fd = -1;
            }
        }

        /// <summary>
        /// The load generator's read(2) on a non-blocking socket, the one call that deliberately
        /// differs from this layer's convention. It never waits, so it skips the GC transition, and
        /// since no runtime code then runs between the call and the caller, errno can be read with
        /// <see cref="Marshal.GetLastSystemError"/> right after a failure. (SetLastError would save
        /// and restore errno around every call: two more native calls per request on the hot path of
        /// the instrument, which must cost less than what it measures. The servers' recv/send keep
        /// SetLastError: they are what is measured, and measured as a plain .NET server would be.)
        /// </summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "read")]
        [SuppressGCTransition]
        public static partial nint ReadNonBlocking(int fd, byte* buffer, nint count);

        /// <summary>
        /// The load generator's write(2) on a non-blocking socket; see <see cref="ReadNonBlocking"/>.
        /// (The runtime ignores SIGPIPE, so a write to a reset connection fails with EPIPE and needs
        /// no MSG_NOSIGNAL send(2).)
        /// </summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "write")]
        [SuppressGCTransition]
        public static partial nint WriteNonBlocking(int fd, byte* buffer, nint count);
    }
}
