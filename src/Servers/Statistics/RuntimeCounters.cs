using System.Globalization;

namespace KEchoBench.Servers.Statistics;

/// <summary>
/// The .NET runtime's own counters in a server process at one moment, as its <c>System.Runtime</c>
/// meter gives them (<see cref="RuntimeCounterReader"/>): ThreadPool threads, queued and completed
/// work items, lock contentions, garbage collections and their pause time. The counts are
/// cumulative since the process started; threads and queue length are levels. One line of
/// <c>key=value</c> pairs carries them from the server to whoever reads them
/// (<see cref="RuntimeCountersEndpoint"/>).
/// </summary>
internal sealed record RuntimeCounters
{
    /// <summary><c>dotnet.thread_pool.thread.count</c>: ThreadPool threads now.</summary>
    public long PoolThreads { get; init; }

    /// <summary><c>dotnet.thread_pool.queue.length</c>: work items queued and not yet started now.</summary>
    public long QueueLength { get; init; }

    /// <summary><c>dotnet.thread_pool.work_item.count</c>: work items completed since the start.</summary>
    public long WorkItemsCompleted { get; init; }

    /// <summary><c>dotnet.monitor.lock_contentions</c>: times a thread waited for a contended lock since the start.</summary>
    public long LockContentions { get; init; }

    /// <summary><c>dotnet.gc.collections</c>, all generations: garbage collections since the start.</summary>
    public long GcCollections { get; init; }

    /// <summary><c>dotnet.gc.pause.time</c>: the time every thread was paused for a collection since the start.</summary>
    public double GcPauseSeconds { get; init; }

    private static readonly string[] s_keys = ["pool_threads", "queue_length", "work_items", "lock_contentions", "gc_collections", "gc_pause_s"];

    /// <summary>The one line the endpoint writes, e.g. <c>pool_threads=4 queue_length=0 work_items=1200 lock_contentions=3 gc_collections=2 gc_pause_s=0.0041</c>.</summary>
    public string ToLine() => string.Create(
        CultureInfo.InvariantCulture,
        $"{s_keys[0]}={PoolThreads} {s_keys[1]}={QueueLength} {s_keys[2]}={WorkItemsCompleted} {s_keys[3]}={LockContentions} {s_keys[4]}={GcCollections} {s_keys[5]}={GcPauseSeconds:R}");

    /// <summary>Reads <see cref="ToLine"/>'s form back; null when a key is missing or a value is not a number (unknown keys are ignored, for later additions).</summary>
    public static RuntimeCounters? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[pair[..equals]] = pair[(equals + 1)..];
            }
        }

        long? Long(string key) => values.TryGetValue(key, out var v) && long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : null;
        double? Double(string key) => values.TryGetValue(key, out var v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d >= 0 && double.IsFinite(d) ? d : null;

        return Long(s_keys[0]) is { } threads && Long(s_keys[1]) is { } queue && Long(s_keys[2]) is { } items
            && Long(s_keys[3]) is { } contentions && Long(s_keys[4]) is { } collections && Double(s_keys[5]) is { } pause
            ? new RuntimeCounters
            {
                PoolThreads = threads,
                QueueLength = queue,
                WorkItemsCompleted = items,
                LockContentions = contentions,
                GcCollections = collections,
                GcPauseSeconds = pause,
            }
            : null;
    }
}
