using System.Runtime.InteropServices;

namespace KEchoBench.Servers;

internal static partial class Interop
{
    /// <summary>
    /// POSIX threads, for the thread engine's session threads: created with pthread_create so that the
    /// accept thread does not wait for each new thread to be scheduled (see <see cref="Start"/>).
    /// </summary>
    /// <remarks>
    /// pthread calls return the error number instead of setting errno, so these imports do not use
    /// <c>SetLastError</c>: the one place where the calling convention differs for that reason.
    /// Since glibc 2.34 the pthread functions live in libc itself.
    /// </remarks>
    internal static unsafe partial class Threads
    {
        private const int PTHREAD_CREATE_DETACHED = 1;

        // pthread_attr_t is 56 bytes on x86-64 and 64 on arm64; room for either, suitably aligned.
        private const int AttrSize = 128;

        [LibraryImport(Libraries.Libc)]
        private static partial int pthread_attr_init(void* attr);

        [LibraryImport(Libraries.Libc)]
        private static partial int pthread_attr_destroy(void* attr);

        [LibraryImport(Libraries.Libc)]
        private static partial int pthread_attr_setstacksize(void* attr, nuint stackSize);

        [LibraryImport(Libraries.Libc)]
        private static partial int pthread_attr_setdetachstate(void* attr, int state);

        [LibraryImport(Libraries.Libc)]
        private static partial int pthread_create(nuint* thread, void* attr, delegate* unmanaged<nint, nint> start, nint arg);

        [LibraryImport(Libraries.Libc, StringMarshalling = StringMarshalling.Utf8)]
        private static partial int pthread_setname_np(nuint thread, string name);

        [LibraryImport(Libraries.Libc)]
        private static partial nuint pthread_self();

        /// <summary>
        /// Starts <paramref name="body"/> on a new detached OS thread with a stack of
        /// <paramref name="stackSize"/> bytes. Returns 0, or the error number of pthread_create
        /// (EAGAIN: a thread limit; ENOMEM), in which case <paramref name="body"/> never runs.
        /// </summary>
        /// <remarks>
        /// <see cref="System.Threading.Thread.Start()"/> blocks its caller until the new thread has been
        /// scheduled and has run the runtime's start-up. With hundreds of runnable threads that wait is
        /// the scheduler's latency, once per thread, and an accept loop pays it serially: the thousandth
        /// client of a burst waited 0.2-0.8 s for its thread where a pthread server's waited 30-80 ms.
        /// pthread_create returns once the thread exists; the runtime takes the new thread in when it
        /// first enters managed code (as it does any native thread calling back), on that thread.
        /// </remarks>
        public static int Start(Action body, nuint stackSize)
        {
            byte* attr = stackalloc byte[AttrSize];
            int error = pthread_attr_init(attr);
            if (error != 0)
            {
                return error;
            }

            var handle = GCHandle.Alloc(body);
            try
            {
                error = pthread_attr_setstacksize(attr, stackSize);
                if (error == 0)
                {
                    error = pthread_attr_setdetachstate(attr, PTHREAD_CREATE_DETACHED);
                }

                if (error == 0)
                {
                    nuint thread;
                    error = pthread_create(&thread, attr, &Run, GCHandle.ToIntPtr(handle));
                }
            }
            finally
            {
                if (error != 0)
                {
                    handle.Free();
                }

                // Cannot fail on glibc once init succeeded; nothing to do if it did.
                _ = pthread_attr_destroy(attr);
            }

            return error;
        }

        /// <summary>Names the calling thread (its Linux <c>comm</c>: at most 15 bytes are kept).</summary>
        public static void NameCurrent(string name) => _ = pthread_setname_np(pthread_self(), name);

        [UnmanagedCallersOnly]
        private static nint Run(nint state)
        {
            var handle = GCHandle.FromIntPtr(state);
            var body = (Action)handle.Target!;
            handle.Free();

            // An exception crossing back into native code would end the process. The body reports
            // its own faults (the thread engine's session counts and logs them); this only keeps
            // one that escapes a fault handler from taking every other session down with it.
            try
            {
                body();
            }
#pragma warning disable CA1031 // the last guard of a thread: nothing above it could handle the exception
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            return 0;
        }
    }
}
