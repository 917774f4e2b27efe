namespace KEchoBench.Bench.Results;

/// <summary>
/// Where one process's time went over a round (server or load generator), from the kernel's own
/// counts (<c>Attribution/</c>). Thread time (<see cref="ThreadMs"/>: the thread count integrated over
/// the round) splits into <see cref="RunningMs"/> on a CPU, <see cref="RunQueueWaitMs"/> runnable
/// but waiting for a CPU, and the rest, <see cref="BlockedMs"/>: blocked or idle (waiting for a
/// read, a lock, a sleep, or work).
/// </summary>
/// <remarks>
/// The per-thread figures (running, run-queue wait, switches, threads started) are summed over the
/// threads the watch saw: every thread alive at a sample (at the round's edges and every few ms
/// between). A thread that started and ended between two samples is missed; <see cref="SeenCpuShare"/>
/// says how much of the process's CPU time the threads seen account for (1 when none was missed).
/// User and system time are the whole process's, ended threads included, in the kernel's 10 ms ticks.
/// </remarks>
internal sealed record ProcessTimes
{
    public double UserMs { get; init; }

    public double SystemMs { get; init; }

    /// <summary>On a CPU (schedstat); null with <see cref="SchedStatAbsent"/>.</summary>
    public double? RunningMs { get; init; }

    /// <summary>Runnable but waiting on a run queue for a CPU (schedstat); null with <see cref="SchedStatAbsent"/>.</summary>
    public double? RunQueueWaitMs { get; init; }

    /// <summary>Thread time neither running nor waiting for a CPU: blocked or idle.</summary>
    public double? BlockedMs { get; init; }

    /// <summary>Why the scheduler's times are not there (never read as 0); null when they are.</summary>
    public string? SchedStatAbsent { get; init; }

    /// <summary>Thread time: the thread count integrated over the round, ms.</summary>
    public double ThreadMs { get; init; }

    public long VoluntarySwitches { get; init; }

    public long InvoluntarySwitches { get; init; }

    /// <summary>Threads that started in the round (seen by a sample; at least this many).</summary>
    public int ThreadsStarted { get; init; }

    public int ThreadsAtStart { get; init; }

    public int PeakThreads { get; init; }

    /// <summary>The share of the process's CPU time the threads seen account for; null when the process's CPU clock was not read.</summary>
    public double? SeenCpuShare { get; init; }

    /// <summary>How many times the threads were read in the round (its edges included).</summary>
    public int Samples { get; init; }

    /// <summary>Two rounds' times together (a case's or a run's overall figure).</summary>
    public ProcessTimes Plus(ProcessTimes other)
    {
        ArgumentNullException.ThrowIfNull(other);
        bool sched = SchedStatAbsent is null && other.SchedStatAbsent is null;
        double running = (RunningMs ?? 0) + (other.RunningMs ?? 0);
        return new ProcessTimes
        {
            UserMs = UserMs + other.UserMs,
            SystemMs = SystemMs + other.SystemMs,
            RunningMs = sched ? running : null,
            RunQueueWaitMs = sched ? RunQueueWaitMs + other.RunQueueWaitMs : null,
            BlockedMs = sched ? BlockedMs + other.BlockedMs : null,
            SchedStatAbsent = SchedStatAbsent ?? other.SchedStatAbsent,
            ThreadMs = ThreadMs + other.ThreadMs,
            VoluntarySwitches = VoluntarySwitches + other.VoluntarySwitches,
            InvoluntarySwitches = InvoluntarySwitches + other.InvoluntarySwitches,
            ThreadsStarted = ThreadsStarted + other.ThreadsStarted,
            ThreadsAtStart = Math.Max(ThreadsAtStart, other.ThreadsAtStart),
            PeakThreads = Math.Max(PeakThreads, other.PeakThreads),
            SeenCpuShare = SeenCpuShare is { } a && other.SeenCpuShare is { } b && RunningMs is { } ra && other.RunningMs is { } rb && ra / a + rb / b > 0
                ? (ra + rb) / (ra / Math.Max(a, 1e-9) + rb / Math.Max(b, 1e-9))
                : null,
            Samples = Samples + other.Samples,
        };
    }
}
