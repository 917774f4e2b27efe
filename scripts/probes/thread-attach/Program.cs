using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

// What the runtime adds to a thread the thread engine starts: N detached pthreads with 256 KiB
// stacks (as the engine makes them), created back to back, each entering
//   native        a C function that records the time and returns (no runtime at all);
//   managed       an [UnmanagedCallersOnly] method that does the same: the runtime takes the
//                 thread in on that first managed call and lets it go when it returns;
//   managed-live  the same, then the thread stays (sleeps 5 s): taking in only.
// Prints the process CPU time per thread and how long after its pthread_create each thread's
// entry ran. Stopwatch on Linux is CLOCK_MONOTONIC in nanoseconds, as the C entry reads it.
if (args.Length != 2 || args[0] is not ("native" or "managed" or "managed-live") || !int.TryParse(args[1], out int count) || count < 1)
{
    Console.Error.WriteLine("usage: ThreadAttachProbe native|managed|managed-live THREADS");
    return 2;
}

string mode = args[0];
Probe.Run(mode, count);
return 0;

internal static unsafe partial class Probe
{
    private static long* s_entered;
    private static int s_done;

    public static void Run(string mode, int count)
    {
        s_entered = (long*)NativeMemory.AllocZeroed((nuint)(count * sizeof(long)));
        delegate* unmanaged<nint, nint> entry = mode switch
        {
            "managed" => &Managed,
            "managed-live" => &ManagedLive,
            _ => NativeEntry(),
        };

        long[] created = new long[count];
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        byte* attr = stackalloc byte[128];
        for (int i = 0; i < count; i++)
        {
            created[i] = Stopwatch.GetTimestamp();
            pthread_attr_init(attr);
            pthread_attr_setstacksize(attr, 256 * 1024);
            pthread_attr_setdetachstate(attr, 1);
            nuint thread;
            int error = pthread_create(&thread, attr, entry, i);
            pthread_attr_destroy(attr);
            if (error != 0)
            {
                throw new InvalidOperationException($"pthread_create: error {error}");
            }
        }

        long createdAll = Stopwatch.GetTimestamp();
        while (Volatile.Read(ref s_done) < count)
        {
            Thread.Sleep(1);
        }

        long end = Stopwatch.GetTimestamp();
        if (mode != "managed-live")
        {
            Thread.Sleep(200); // Let the threads exit, so that their exit is counted too.
        }

        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        double[] latency = new double[count];
        for (int i = 0; i < count; i++)
        {
            latency[i] = (s_entered[i] - created[i]) / 1e3;
        }

        Array.Sort(latency);
        Console.WriteLine(
            $"{mode} threads={count} wall {Elapsed(start, end):F1} ms (creating {Elapsed(start, createdAll):F1} ms) " +
            $"CPU {cpu.TotalMilliseconds:F1} ms = {cpu.TotalMicroseconds / count:F1} us/thread; " +
            $"pthread_create to entry: p50 {latency[count / 2]:F0} us, p99 {latency[count * 99 / 100]:F0} us, max {latency[^1]:F0} us");
    }

    private static double Elapsed(long from, long to) => (to - from) * 1e3 / Stopwatch.Frequency;

    [UnmanagedCallersOnly]
    private static nint Managed(nint index)
    {
        s_entered[index] = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref s_done);
        return 0;
    }

    [UnmanagedCallersOnly]
    private static nint ManagedLive(nint index)
    {
        s_entered[index] = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref s_done);
        Thread.Sleep(5000);
        return 0;
    }

    private static delegate* unmanaged<nint, nint> NativeEntry()
    {
        nint library = NativeLibrary.Load(Path.Combine(AppContext.BaseDirectory, "libentry.so"));
        var init = (delegate* unmanaged<long*, int*, void>)NativeLibrary.GetExport(library, "entry_init");
        init(s_entered, (int*)Unsafe.AsPointer(ref s_done));
        return (delegate* unmanaged<nint, nint>)NativeLibrary.GetExport(library, "entry");
    }

    [LibraryImport("libc")]
    private static partial int pthread_attr_init(void* attr);

    [LibraryImport("libc")]
    private static partial int pthread_attr_destroy(void* attr);

    [LibraryImport("libc")]
    private static partial int pthread_attr_setstacksize(void* attr, nuint size);

    [LibraryImport("libc")]
    private static partial int pthread_attr_setdetachstate(void* attr, int state);

    [LibraryImport("libc")]
    private static partial int pthread_create(nuint* thread, void* attr, delegate* unmanaged<nint, nint> start, nint arg);
}
