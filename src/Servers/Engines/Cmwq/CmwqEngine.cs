using System.Diagnostics.Metrics;
using System.Net.Sockets;
using System.Threading.Channels;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Limits;
using KEchoBench.Servers.Sessions;
using Microsoft.Extensions.Logging;

namespace KEchoBench.Servers.Engines;

/// <summary>
/// The Concurrency Managed Workqueue analogue.
/// <list type="bullet">
/// <item>One <see cref="ReadinessThread"/> owns the readiness notification, as <c>sk_data_ready</c>
/// does in the kernel: it waits in epoll for connections that have data and queues each one's work
/// item, doing no I/O itself. An idle connection holds neither a thread nor a receive buffer (CMWQ:
/// a sleeping connection holds no worker).</item>
/// <item>Each received chunk is a work item queued through a <see cref="Channel{T}"/> and executed
/// on the .NET ThreadPool, which reads, runs the work model and echoes (the kworker's part). The
/// pool's thread injection (hill climbing, and starvation compensation when queued work stops
/// making progress) plays the part of CMWQ's concurrency management.</item>
/// <item><see cref="EngineOptions.MaxActive"/> executors drain the channel, so at most that many work
/// items run at once (CMWQ's <c>max_active</c>, 256 by default); the rest wait in the channel.</item>
/// </list>
/// A <c>block:</c> work item blocks its pool thread. The pool does not know that a sleeping thread
/// is blocked, so it compensates only when its starvation check sees no progress; see docs/engines.md.
/// Linux only: the readiness thread calls epoll directly.
/// </summary>
internal sealed class CmwqEngine : Engine
{
    public const string EngineName = "cmwq";
    public const string EngineDescription = "one epoll readiness thread queues work items via System.Threading.Channels; ThreadPool executors read and echo, max-active cap (CMWQ analogue)";

    private readonly Channel<ChunkWork> _work = Channel.CreateUnbounded<ChunkWork>(new UnboundedChannelOptions
    {
        SingleReader = false,

        // The readiness thread is the only writer.
        SingleWriter = true,

        // The writer must never end up running a work item inline: while it ran, no readiness
        // would be noticed for any other connection.
        AllowSynchronousContinuations = false,
    });

    private readonly List<Task> _loops = [];
    private readonly TaskCompletionSource _sessionsEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ReadinessThread _readiness;
    private readonly ChunkWorkSettings _sessionSettings;

    // Live sessions: counted, not listed, so that an idle connection costs no entry anywhere.
    private int _liveSessions;
    private int _running;

    public CmwqEngine(EngineOptions options, ILoggerFactory? loggerFactory = null)
        : base(options, loggerFactory)
    {
        _readiness = new ReadinessThread(_work.Writer, Statistics, Logger);
        _sessionSettings = new ChunkWorkSettings(Options, Statistics, _readiness, OnSessionEnded, OnChunkFault, StoppingToken);
    }

    public override string Name => EngineName;

    public override string Description => EngineDescription;

    /// <summary>Work items queued and not yet taken by an executor.</summary>
    public int WorkItemsWaiting => _work.Reader.Count;

    /// <summary>Work items an executor is running now (at most max-active).</summary>
    public int WorkItemsRunning => Volatile.Read(ref _running);

    public override void AddOwnInstruments(Meter meter, KeyValuePair<string, object?> engineTag)
    {
        ArgumentNullException.ThrowIfNull(meter);
        meter.CreateObservableUpDownCounter("kechobench.cmwq.work_items.waiting", () => new Measurement<int>(WorkItemsWaiting, engineTag), "{item}", "Work items queued for an executor");
        meter.CreateObservableUpDownCounter("kechobench.cmwq.work_items.running", () => new Measurement<int>(WorkItemsRunning, engineTag), "{item}", "Work items executing (at most max-active)");
    }

    protected override void OnStart(Socket listener)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the cmwq engine calls epoll and runs on Linux only");
        }

        _readiness.Start();
        for (int i = 0; i < Options.MaxActive; i++)
        {
            _loops.Add(Task.Run(ExecuteLoopAsync));
        }

        _loops.Add(Task.Run(() => AcceptLoopAsync(listener)));
    }

    protected override async Task OnStopAsync()
    {
        // Sessions end first (they were interrupted, and the readiness thread queues each one's
        // end-of-stream); then no more work can arrive, the executors end, and the readiness
        // thread last. A session admitted after this point sees the stop and ends at once.
        if (Volatile.Read(ref _liveSessions) == 0)
        {
            _sessionsEnded.TrySetResult();
        }

        await _sessionsEnded.Task.ConfigureAwait(false);
        _work.Writer.TryComplete();
        await Task.WhenAll(_loops).ConfigureAwait(false);
        _readiness.RequestStop();
        await _readiness.Completion.ConfigureAwait(false);
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        var backoff = new AcceptBackoff();
        while (!IsStopping)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(StoppingToken).ConfigureAwait(false);
                backoff.Succeeded();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (OnAcceptFailed(e, backoff) is not { } pause)
                {
                    return;
                }

                try
                {
                    await Task.Delay(pause, StoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            if (Admit(client) is not { } connection)
            {
                continue;
            }

            // Counted before the stop is checked, and the stop checks the count after it began: so
            // either the stop waits for this session or this session sees the stop and ends at once.
            Interlocked.Increment(ref _liveSessions);
            var session = new ChunkWork(connection, _sessionSettings);
            if (IsStopping)
            {
                session.End();
            }
            else
            {
                session.Start();
            }
        }
    }

    private async Task ExecuteLoopAsync()
    {
        // ReadAsync, not WaitToReadAsync: a write hands its item to exactly one waiting reader,
        // whereas every WaitToReadAsync waiter is woken by every write (max-active executors
        // stampeding for one item, burning CPU on an idle-ish server).
        var reader = _work.Reader;
        while (true)
        {
            ChunkWork item;
            try
            {
                item = await reader.ReadAsync().ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                return;
            }

            // Synchronous: an echo that cannot be sent at once waits in epoll, not on this executor.
            Interlocked.Increment(ref _running);
            item.Execute();
            Interlocked.Decrement(ref _running);
        }
    }

    private void OnSessionEnded(ChunkWork session)
    {
        EndSession(session.Connection);
        if (Interlocked.Decrement(ref _liveSessions) == 0 && IsStopping)
        {
            _sessionsEnded.TrySetResult();
        }
    }

    private void OnChunkFault(ChunkWork session, Exception error) => OnSessionFault(session.Connection, error);
}
