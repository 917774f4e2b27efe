namespace KEchoBench.Bench.Results;

/// <summary>
/// What the .NET runtime inside the server did over a round, from its own counters read at the
/// round's edges and every 500 ms between (the peaks): ThreadPool threads and
/// queue, work items completed, lock contentions, garbage collections and their pause. Only a
/// <c>kechobench serve</c> process has them; <see cref="RoundAttribution.RuntimeAbsent"/> says why
/// a round has none.
/// </summary>
internal sealed record RuntimeMoved
{
    /// <summary>ThreadPool threads at the round's end.</summary>
    public long PoolThreadsAtEnd { get; init; }

    /// <summary>The most ThreadPool threads seen in the round (at its edges and every read between).</summary>
    public long PoolThreadsPeak { get; init; }

    /// <summary>The longest ThreadPool queue seen in the round: work items waiting for a thread.</summary>
    public long QueueLengthPeak { get; init; }

    public long WorkItemsCompleted { get; init; }

    public long LockContentions { get; init; }

    public long GcCollections { get; init; }

    public double GcPauseMs { get; init; }

    /// <summary>How many times the counters were read in the round, its edges included.</summary>
    public int Samples { get; init; }

    /// <summary>Two rounds together: counts and pauses summed, levels the larger.</summary>
    public RuntimeMoved Plus(RuntimeMoved other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new()
        {
            PoolThreadsAtEnd = Math.Max(PoolThreadsAtEnd, other.PoolThreadsAtEnd),
            PoolThreadsPeak = Math.Max(PoolThreadsPeak, other.PoolThreadsPeak),
            QueueLengthPeak = Math.Max(QueueLengthPeak, other.QueueLengthPeak),
            WorkItemsCompleted = WorkItemsCompleted + other.WorkItemsCompleted,
            LockContentions = LockContentions + other.LockContentions,
            GcCollections = GcCollections + other.GcCollections,
            GcPauseMs = GcPauseMs + other.GcPauseMs,
            Samples = Samples + other.Samples,
        };
    }
}
