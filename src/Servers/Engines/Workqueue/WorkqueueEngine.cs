using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Sockets;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Limits;
using KEchoBench.Servers.Sessions;
using Microsoft.Extensions.Logging;

namespace KEchoBench.Servers.Engines;

/// <summary>
/// The pre-CMWQ workqueue: a fixed set of worker threads (one per CPU by default) consuming a
/// bounded queue. As in kecho, a work item is a whole client session: it loops until the client
/// leaves. A long-lived or blocked session therefore holds its worker, and every client queued
/// behind it waits, connected but unanswered. When the queue is full the accept loop waits too,
/// and further clients wait in the kernel's listen backlog.
///
/// This starvation is the behaviour under study. It is faithful on purpose; do not "fix" it.
/// </summary>
internal sealed class WorkqueueEngine : Engine
{
    public const string EngineName = "workqueue";

    /// <summary>Why long-lived sessions make this engine's other clients time out (the report's note, through the registry).</summary>
    public const string LongLivedSessionsNote =
        "a workqueue session holds its worker until it ends, so the fixed workers are all taken and the other clients wait past the deadline (starvation by design; docs/benchmarks.md)";
    public const string EngineDescription = "fixed worker threads consuming a bounded queue of sessions (pre-CMWQ workqueue analogue)";

    private readonly BlockingCollection<SocketConnection> _queue;
    private readonly List<Thread> _threads = [];

    public WorkqueueEngine(EngineOptions options, ILoggerFactory? loggerFactory = null)
        : base(options, loggerFactory)
    {
        _queue = new BlockingCollection<SocketConnection>(new ConcurrentQueue<SocketConnection>(), options.QueueCapacity);
    }

    public override string Name => EngineName;

    public override string Description => EngineDescription;

    private int _busyWorkers;

    /// <summary>Sessions accepted and waiting for a worker.</summary>
    public int Queued => _queue.Count;

    /// <summary>Workers serving a session now (the rest wait for one); counted per session, not per request.</summary>
    public int BusyWorkers => Volatile.Read(ref _busyWorkers);

    public override void AddOwnInstruments(Meter meter, KeyValuePair<string, object?> engineTag)
    {
        ArgumentNullException.ThrowIfNull(meter);
        meter.CreateObservableUpDownCounter("kechobench.workqueue.queued_sessions", () => new Measurement<int>(Queued, engineTag), "{session}", "Sessions accepted and waiting for a worker");
        meter.CreateObservableUpDownCounter("kechobench.workqueue.busy_workers", () => new Measurement<int>(BusyWorkers, engineTag), "{thread}", "Workers serving a session");
    }

    protected override void OnStart(Socket listener)
    {
        for (int i = 0; i < (Options.Workers ?? EngineOptions.DefaultWorkqueueWorkers); i++)
        {
            _threads.Add(new Thread(Worker) { IsBackground = true, Name = $"workqueue-worker-{i}" });
        }

        _threads.Add(new Thread(() => AcceptLoop(listener)) { IsBackground = true, Name = "workqueue-accept" });
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    protected override Task OnStopAsync() => Task.Factory.StartNew(
        () =>
        {
            foreach (var thread in _threads)
            {
                thread.Join();
            }

            // Sessions that never reached a worker are released here, once.
            while (_queue.TryTake(out var waiting))
            {
                EndSession(waiting);
            }
        },
        CancellationToken.None,
        TaskCreationOptions.LongRunning,
        TaskScheduler.Default);

    private void AcceptLoop(Socket listener) => AcceptBlocking(listener, Enqueue);

    /// <summary>Queues the session for a worker; false when stopping ends the wait.</summary>
    private bool Enqueue(SocketConnection connection)
    {
        try
        {
            // Blocks while the queue is full: backpressure onto the listen backlog.
            _queue.Add(connection, StoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            EndSession(connection);
            return false;
        }
    }

    private void Worker()
    {
        try
        {
            foreach (var connection in _queue.GetConsumingEnumerable(StoppingToken))
            {
                Interlocked.Increment(ref _busyWorkers);
                try
                {
                    if (!IsStopping)
                    {
                        BlockingEchoSession.Run(connection, Options, Statistics, StoppingToken);
                    }
                }
                catch (Exception e)
                {
                    OnSessionFault(connection, e);
                }
                finally
                {
                    EndSession(connection);
                    Interlocked.Decrement(ref _busyWorkers);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: whatever is still queued is released by OnStopAsync.
        }
    }
}
