using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Attribution;

/// <summary>
/// Adds up one process's threads over a round from its snapshots: the one at the start, any taken
/// in between, the one at the end. Per-thread counts are kept per thread id, so that a thread that
/// ends in the round keeps what it did up to the last snapshot that saw it (the kernel forgets a
/// thread's schedstat when it exits, and <c>/proc/PID/schedstat</c> is the first thread's alone,
/// not the process's), and a thread born in the round counts from zero.
/// </summary>
internal sealed class ThreadTimeLedger
{
    private readonly ProcessSnapshot _start;
    private readonly Dictionary<int, TaskReading> _latest = [];
    private ProcessSnapshot _previous;
    private double _threadNs;
    private int _peakThreads;
    private int _samples = 1;
    private string? _schedAbsent;

    public ThreadTimeLedger(ProcessSnapshot start)
    {
        ArgumentNullException.ThrowIfNull(start);
        _start = start;
        _previous = start;
        _peakThreads = Math.Max(start.Group.Threads, start.Tasks.Count);
        _schedAbsent = start.SchedStatAbsent;
        foreach (var (tid, reading) in start.Tasks)
        {
            _latest[tid] = reading;
        }
    }

    /// <summary>A snapshot taken during the round (or its last).</summary>
    public void Observe(ProcessSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.TakenAtNs < _previous.TakenAtNs)
        {
            return;
        }

        // Thread time between two snapshots: the mean of their thread counts over the time between them.
        _threadNs += (snapshot.TakenAtNs - _previous.TakenAtNs) * (_previous.Group.Threads + snapshot.Group.Threads) / 2.0;
        _previous = snapshot;
        _samples++;
        _peakThreads = Math.Max(_peakThreads, Math.Max(snapshot.Group.Threads, snapshot.Tasks.Count));
        _schedAbsent ??= snapshot.SchedStatAbsent;
        foreach (var (tid, reading) in snapshot.Tasks)
        {
            _latest[tid] = reading;
        }
    }

    /// <summary>The round's figures, ending at <paramref name="end"/>.</summary>
    /// <param name="processCpu">The process's CPU time over the round by its CPU clock (dead threads included), to say how much the threads seen account for; null when not read.</param>
    /// <param name="ticksPerSecond">The kernel's clock ticks per second (<c>/proc/PID/stat</c>'s unit).</param>
    public ProcessTimes Finish(ProcessSnapshot end, TimeSpan? processCpu, long ticksPerSecond)
    {
        ArgumentNullException.ThrowIfNull(end);
        Observe(end);
        long running = 0;
        long waiting = 0;
        long voluntary = 0;
        long involuntary = 0;
        int started = 0;
        foreach (var (tid, last) in _latest)
        {
            bool before = _start.Tasks.TryGetValue(tid, out var first);
            if (!before)
            {
                started++;
            }

            voluntary += Math.Max(0, last.Switches.Voluntary - (before ? first.Switches.Voluntary : 0));
            involuntary += Math.Max(0, last.Switches.Involuntary - (before ? first.Switches.Involuntary : 0));
            if (last.Sched is { } now)
            {
                var then = before && first.Sched is { } f ? f : default;
                running += Math.Max(0, now.OnCpuNs - then.OnCpuNs);
                waiting += Math.Max(0, now.RunQueueWaitNs - then.RunQueueWaitNs);
            }
        }

        bool sched = _schedAbsent is null;
        double msPerTick = 1000.0 / ticksPerSecond;
        return new ProcessTimes
        {
            UserMs = Math.Max(0, end.Group.UserTicks - _start.Group.UserTicks) * msPerTick,
            SystemMs = Math.Max(0, end.Group.SystemTicks - _start.Group.SystemTicks) * msPerTick,
            RunningMs = sched ? running / 1e6 : null,
            RunQueueWaitMs = sched ? waiting / 1e6 : null,
            BlockedMs = sched ? Math.Max(0, (_threadNs - running - waiting) / 1e6) : null,
            SchedStatAbsent = _schedAbsent,
            ThreadMs = _threadNs / 1e6,
            VoluntarySwitches = voluntary,
            InvoluntarySwitches = involuntary,
            ThreadsStarted = started,
            ThreadsAtStart = _start.Group.Threads,
            PeakThreads = _peakThreads,
            SeenCpuShare = sched && processCpu is { } cpu && cpu > TimeSpan.Zero ? Math.Min(1, running / (cpu.TotalNanoseconds)) : null,
            Samples = _samples,
        };
    }
}
