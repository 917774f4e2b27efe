namespace KEchoBench.Bench.Results;

/// <summary>
/// The metric catalog's figures of the .NET runtime inside the server (<see cref="RuntimeMoved"/>):
/// ThreadPool threads at their peak, work items, lock contentions and GC pause per request.
/// <c>compare</c> can gate on them by name; the report's "Inside the .NET runtime" table shows them.
/// Absent (never 0) for a server that is not a <c>kechobench serve</c> process.
/// </summary>
internal static class RuntimeMetrics
{
    public static IterationMetric PoolThreads { get; } = new(
        "pool-threads", "most ThreadPool threads in the server during a round", "threads", false,
        new("Runtime.PoolThreads", "Pool thr", "Most ThreadPool threads in the server seen in a round (the runtime's dotnet.thread_pool.thread.count, read at the edges and every 500 ms)", "N0"),
        i => i.Attribution?.Runtime?.PoolThreadsPeak);

    public static IterationMetric WorkItems { get; } = new(
        "work-items", "ThreadPool work items completed in the server per request", "items/req", false,
        new("Runtime.WorkItems", "Work items/req", "ThreadPool work items the server completed per request (dotnet.thread_pool.work_item.count)", "N2"),
        i => PerRequest(i, r => r.WorkItemsCompleted));

    public static IterationMetric LockContentions { get; } = new(
        "contentions", "lock contentions in the server per request", "contentions/req", false,
        new("Runtime.LockContentions", "Contentions/req", "Times a server thread waited for a contended lock, per request (dotnet.monitor.lock_contentions)", "N3"),
        i => PerRequest(i, r => r.LockContentions));

    public static IterationMetric GcPause { get; } = new(
        "gc-pause", "server GC pause per request", "µs/req", false,
        new("Runtime.GcPauseUs", "GC pause µs/req", "Time the server's threads were paused for garbage collection, per request (dotnet.gc.pause.time), µs", "N2"),
        i => PerRequest(i, r => r.GcPauseMs * 1000));

    public static IReadOnlyList<IterationMetric> All { get; } = [PoolThreads, WorkItems, LockContentions, GcPause];

    private static double? PerRequest(IterationResult iteration, Func<RuntimeMoved, double> value) =>
        iteration.Attribution?.Runtime is { } r && iteration.Requests > 0 ? value(r) / iteration.Requests : null;
}
