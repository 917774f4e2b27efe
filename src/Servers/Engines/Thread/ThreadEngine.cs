using System.Net.Sockets;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Limits;
using KEchoBench.Servers.Sessions;
using Microsoft.Extensions.Logging;

namespace KEchoBench.Servers.Engines;

/// <summary>
/// The original kecho model: one kernel thread accepts, and every client gets a kernel thread of
/// its own. Here: a dedicated accept thread, and a new OS thread (never a ThreadPool thread) per
/// client, running blocking Receive/Send on a socket that never performs an asynchronous operation.
/// Thread creation is on the accept path on purpose: its cost is part of what this model measures.
/// </summary>
internal sealed class ThreadEngine : Engine
{
    public const string EngineName = "thread";

    /// <summary>Every session thread's name (also its Linux <c>comm</c>, under the 15-character limit), by which tests count them.</summary>
    internal const string SessionThreadName = "thread-session";
    public const string EngineDescription = "a dedicated OS thread per client, blocking socket calls (kthread-per-connection analogue)";

    // kthreads run on 16 KiB stacks; a blocking echo loop needs little, and a small reservation
    // keeps a thousand sessions from reserving 8 GiB of address space.
    private const int SessionStackSize = 256 * 1024;

    private readonly TaskCompletionSource _acceptEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<Action, nuint, int> _startThread;

    public ThreadEngine(EngineOptions options, ILoggerFactory? loggerFactory = null)
        : this(options, loggerFactory, Interop.Threads.Start)
    {
    }

    /// <summary>
    /// With the function that starts a session thread (body, stack size; 0 or the error number), so
    /// that tests can make thread creation fail the way a thread limit makes it fail, without
    /// exhausting the machine's threads.
    /// </summary>
    internal ThreadEngine(EngineOptions options, ILoggerFactory? loggerFactory, Func<Action, nuint, int> startThread)
        : base(options, loggerFactory)
    {
        _startThread = startThread;
    }

    public override string Name => EngineName;

    public override string Description => EngineDescription;

    protected override void OnStart(Socket listener)
    {
        var acceptThread = new Thread(() => AcceptLoop(listener)) { IsBackground = true, Name = "thread-accept" };
        acceptThread.Start();
    }

    protected override Task OnStopAsync() => _acceptEnded.Task;

    protected override string ThreadLimitNote =>
        $"threads: a client whose thread cannot be created ({ThreadLimits.Describe()}; about two maps per thread) is closed at once and counted as rejected";

    private void AcceptLoop(Socket listener)
    {
        try
        {
            AcceptBlocking(listener, StartSession);
        }
        finally
        {
            _acceptEnded.TrySetResult();
        }
    }

    /// <summary>One thread for the session; always true: a thread that cannot be created refuses this connection only.</summary>
    private bool StartSession(SocketConnection connection)
    {
        // A pthread, not a System.Threading.Thread: Thread.Start would make this accept loop wait
        // until the scheduler has run the new thread (see Interop.Threads.Start), which is not a
        // cost of the model but of the runtime's start-up handshake.
        int error = _startThread(() => RunSession(connection), SessionStackSize);
        if (error != 0)
        {
            // EAGAIN (a thread limit: ulimit -u, threads-max, a cgroup's pids.max) or ENOMEM (no
            // room for the stack). It concerns this connection only: refuse it.
            Withdraw(connection, error == Interop.Errno.EAGAIN ? "pthread_create: EAGAIN, a thread limit" : $"pthread_create: error {error}");
        }

        return true;
    }

    private void RunSession(SocketConnection connection)
    {
        try
        {
            Interop.Threads.NameCurrent(SessionThreadName);
            BlockingEchoSession.Run(connection, Options, Statistics, StoppingToken);
        }
        catch (Exception e)
        {
            OnSessionFault(connection, e);
        }
        finally
        {
            EndSession(connection);
        }
    }
}
