namespace KEchoBench.Bench.Results;

/// <summary>
/// The .NET runtime's own counters in the server over a round, as <c>kechobench serve</c> reports
/// them on request (its <c>System.Runtime</c> meter): ThreadPool threads and queue at the round's
/// end, and what moved in it: work items completed, lock contentions, garbage collections and
/// their pauses. Only for a server that reports them (not an external one, nor the base build of an A/B run).
/// </summary>
internal sealed record RuntimeCounters
{
    public long ThreadPoolThreads { get; init; }

    public long ThreadPoolQueueLength { get; init; }

    public long WorkItemsCompleted { get; init; }

    public long LockContentions { get; init; }

    public long GcCollections { get; init; }

    public double GcPauseMs { get; init; }

    public RuntimeCounters Plus(RuntimeCounters other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new()
        {
            ThreadPoolThreads = Math.Max(ThreadPoolThreads, other.ThreadPoolThreads),
            ThreadPoolQueueLength = Math.Max(ThreadPoolQueueLength, other.ThreadPoolQueueLength),
            WorkItemsCompleted = WorkItemsCompleted + other.WorkItemsCompleted,
            LockContentions = LockContentions + other.LockContentions,
            GcCollections = GcCollections + other.GcCollections,
            GcPauseMs = GcPauseMs + other.GcPauseMs,
        };
    }
}
