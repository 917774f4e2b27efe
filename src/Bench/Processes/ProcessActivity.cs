namespace KEchoBench.Bench.Processes;

/// <summary>
/// Counts that do not depend on any clock: context switches summed over a process's live threads
/// (<c>/proc/PID/task/TID/status</c>) and its read/write system calls (<c>/proc/PID/io</c>).
/// A handler that sleeps or waits on a lock adds voluntary switches even when its CPU time does not move.
/// </summary>
internal sealed record ProcessActivity(IReadOnlyDictionary<int, (long Voluntary, long Involuntary)> Threads, long ReadCalls, long WriteCalls)
{
    /// <summary>
    /// What happened between <paramref name="before"/> and this sample. Switches are counted per
    /// thread so that a thread that ended in between takes its count away rather than making the
    /// difference negative; a thread born in between counts from zero.
    /// </summary>
    public ActivityDelta Since(ProcessActivity before)
    {
        ArgumentNullException.ThrowIfNull(before);
        long voluntary = 0;
        long involuntary = 0;
        foreach (var (tid, now) in Threads)
        {
            var then = before.Threads.TryGetValue(tid, out var b) ? b : (0, 0);
            voluntary += Math.Max(0, now.Voluntary - then.Voluntary);
            involuntary += Math.Max(0, now.Involuntary - then.Involuntary);
        }

        return new ActivityDelta(voluntary, involuntary, Math.Max(0, ReadCalls - before.ReadCalls), Math.Max(0, WriteCalls - before.WriteCalls));
    }
}
