using System.Runtime.InteropServices;
using System.Threading.Channels;
using KEchoBench.Servers.Readiness;
using KEchoBench.Servers.Statistics;
using Microsoft.Extensions.Logging;

namespace KEchoBench.Servers.Engines;

/// <summary>
/// The <c>cmwq</c> engine's readiness notification, its <c>sk_data_ready</c>: one thread waiting in
/// epoll_wait on the engine's epoll instance. When a connection becomes readable (or, while an echo
/// waits for a slow reader, writable) it queues that connection's <see cref="ChunkWork"/> on the
/// channel and goes back to waiting; it never reads or sends itself (that would be the eventloop
/// model). Connections are watched with EPOLLONESHOT: an event disarms the connection until the
/// executor that handled it arms it again, so a connection has at most one work item in flight and
/// its bytes stay in order, and a connection that is being worked on wakes nobody.
/// </summary>
internal sealed unsafe class ReadinessThread
{
    private const int MaxEvents = 256;

    private readonly ChannelWriter<ChunkWork> _queue;
    private readonly EngineStatistics _statistics;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopRequested;
    private bool _started;
    private WakeableEpoll? _epoll;

    // The epoll instance's descriptor, once started (_epoll.Fd, read on every call).
    private int _epollFd = -1;

    public ReadinessThread(ChannelWriter<ChunkWork> queue, EngineStatistics statistics, ILogger logger)
    {
        _queue = queue;
        _statistics = statistics;
        _logger = logger;
    }

    /// <summary>Completes when the thread has ended and closed its descriptors.</summary>
    public Task Completion => _completion.Task;

    public void Start()
    {
        _epoll = WakeableEpoll.Create();
        _epollFd = _epoll.Fd;
        new Thread(Run) { IsBackground = true, Name = "cmwq-readiness" }.Start();
        _started = true;
    }

    /// <summary>Starts watching a new connection for data. Returns false when epoll refused it.</summary>
    public bool Watch(int fd, nint tag) => Control(Interop.Epoll.EPOLL_CTL_ADD, fd, Interop.Epoll.EPOLLIN, tag);

    /// <summary>Arms the connection again once its chunk is echoed: the next event is data (or end-of-stream).</summary>
    public bool WaitForData(int fd, nint tag) => Control(Interop.Epoll.EPOLL_CTL_MOD, fd, Interop.Epoll.EPOLLIN, tag);

    /// <summary>Arms the connection for room to send: the peer reads slower than it writes.</summary>
    public bool WaitForRoom(int fd, nint tag) => Control(Interop.Epoll.EPOLL_CTL_MOD, fd, Interop.Epoll.EPOLLOUT, tag);

    /// <summary>Stops watching a connection that is about to be closed.</summary>
    public void Forget(int fd) => Interop.Epoll.Control(_epollFd, Interop.Epoll.EPOLL_CTL_DEL, fd, 0, 0);

    /// <summary>Wakes the thread; it ends. Called once no session is left.</summary>
    public void RequestStop()
    {
        if (!_started)
        {
            // The engine failed to start (no epoll instance, or not Linux): nothing to wait for.
            _completion.TrySetResult();
            return;
        }

        _stopRequested = true;
        _epoll?.Wake();
    }

    private bool Control(int op, int fd, uint events, nint tag)
    {
        if (Interop.Epoll.Control(_epollFd, op, fd, events | Interop.Epoll.EPOLLONESHOT, tag) == 0)
        {
            return true;
        }

        // ENOMEM, or ENOSPC at fs.epoll.max_user_watches: this connection cannot be served.
        _statistics.OnError(ErrorKind.Internal);
        _logger.LogError("cmwq: cannot watch connection descriptor {Fd}, errno {Errno}", fd, Marshal.GetLastPInvokeError());
        return false;
    }

    private void Run()
    {
        byte* events = WakeableEpoll.AllocateEvents(MaxEvents);
        try
        {
            while (!_stopRequested)
            {
                int ready = Interop.Epoll.epoll_wait(_epollFd, events, MaxEvents, -1);
                if (ready < 0)
                {
                    if (Marshal.GetLastPInvokeError() == Interop.Errno.EINTR)
                    {
                        continue;
                    }

                    _statistics.OnError(ErrorKind.Internal);
                    _logger.LogError("cmwq: epoll_wait failed, errno {Errno}", Marshal.GetLastPInvokeError());
                    break;
                }

                for (int i = 0; i < ready; i++)
                {
                    nint tag = Interop.Epoll.TagAt(events, i);
                    if (tag == WakeableEpoll.WakeTag)
                    {
                        continue;
                    }

                    var work = ChunkWork.FromTag(tag);
                    if (!_queue.TryWrite(work))
                    {
                        // The engine has stopped taking work (every session had ended when the
                        // channel was completed, so this one came in during the stop): the event
                        // disarmed it, so it is this thread's to end.
                        work.End();
                    }
                }
            }
        }
        finally
        {
            NativeMemory.Free(events);
            _epoll?.Dispose();
            _completion.TrySetResult();
        }
    }
}
