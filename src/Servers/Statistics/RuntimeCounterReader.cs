using System.Diagnostics.Metrics;

namespace KEchoBench.Servers.Statistics;

/// <summary>
/// Reads this process's <see cref="RuntimeCounters"/> from the runtime's own <c>System.Runtime</c>
/// meter, the one <c>dotnet-counters</c> shows, through a <see cref="MeterListener"/>: only the six
/// instruments it needs are enabled, and they are observed only when <see cref="Read"/> asks (the
/// runtime's callbacks read counters it keeps anyway), so nothing is recorded on the echo path.
/// </summary>
internal sealed class RuntimeCounterReader : IDisposable
{
    public const string MeterName = "System.Runtime";

    private const string PoolThreads = "dotnet.thread_pool.thread.count";
    private const string QueueLength = "dotnet.thread_pool.queue.length";
    private const string WorkItems = "dotnet.thread_pool.work_item.count";
    private const string LockContentions = "dotnet.monitor.lock_contentions";
    private const string GcCollections = "dotnet.gc.collections";
    private const string GcPause = "dotnet.gc.pause.time";

    private static readonly HashSet<string> s_wanted = [PoolThreads, QueueLength, WorkItems, LockContentions, GcCollections, GcPause];

    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    // Filled by the callbacks during one Read, under _gate.
    private long _threads;
    private long _queue;
    private long _items;
    private long _contentions;
    private long _collections;
    private double _pause;

    public RuntimeCounterReader()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && s_wanted.Contains(instrument.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Add(instrument.Name, value));
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => Add(instrument.Name, value));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Add(instrument.Name, value));
        _listener.Start();
    }

    /// <summary>The counters now; throws when the runtime does not publish one of them (a runtime older than .NET 9).</summary>
    public RuntimeCounters Read()
    {
        lock (_gate)
        {
            _threads = _queue = _items = _contentions = _collections = 0;
            _pause = 0;
            _seen.Clear();
            _listener.RecordObservableInstruments();
            if (_seen.Count < s_wanted.Count)
            {
                throw new InvalidOperationException(
                    $"the runtime's {MeterName} meter does not publish {string.Join(", ", s_wanted.Except(_seen).Order(StringComparer.Ordinal))} (it needs .NET 9 or later)");
            }

            return new RuntimeCounters
            {
                PoolThreads = _threads,
                QueueLength = _queue,
                WorkItemsCompleted = _items,
                LockContentions = _contentions,
                GcCollections = _collections,
                GcPauseSeconds = _pause,
            };
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(string instrument, double value)
    {
        // Called on the reading thread from RecordObservableInstruments, inside Read's lock.
        _seen.Add(instrument);
        switch (instrument)
        {
            case PoolThreads: _threads += (long)value; break;
            case QueueLength: _queue += (long)value; break;
            case WorkItems: _items += (long)value; break;
            case LockContentions: _contentions += (long)value; break;

            // One measurement per generation: the collections of all of them add up (a gen2
            // collection is counted in gen2 only).
            case GcCollections: _collections += (long)value; break;
            case GcPause: _pause += value; break;
        }
    }
}
