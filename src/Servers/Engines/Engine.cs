using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Limits;
using KEchoBench.Servers.Sessions;
using KEchoBench.Servers.Statistics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KEchoBench.Servers.Engines;

/// <summary>
/// A TCP echo server built on one concurrency model. The base class owns what every model shares:
/// the listening socket (SO_REUSEADDR, backlog), admission (TCP_NODELAY, max connections), the set
/// of live connections, statistics, and the graceful stop. A derived engine decides only how
/// connections are accepted and which threads run their sessions.
/// </summary>
internal abstract class Engine : IAsyncDisposable, IMeteredEngine
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly RateLimitedWarning _descriptorsExhausted = new();
    private readonly RateLimitedWarning _threadsExhausted = new();
    private readonly RateLimitedWarning _acceptFailing = new();
    private Socket? _listener;
    private IPEndPoint? _localEndPoint;
    private int _state; // 0 created, 1 started, 2 stopping or stopped

    protected Engine(EngineOptions options, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        Options = options;
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("KEchoBench.Engine." + GetType().Name);
        Statistics = new EngineStatistics();
        Connections = new ConnectionTracker(Statistics);
    }

    /// <summary>The name the registry, the CLI and the reports use.</summary>
    public abstract string Name { get; }

    /// <summary>One line: what this engine does.</summary>
    public abstract string Description { get; }

    public EngineOptions Options { get; }

    public EngineStatistics Statistics { get; }

    /// <summary>The address actually bound (the port is known here when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint => _localEndPoint ?? throw new InvalidOperationException("the engine has not been started");

    protected ILogger Logger { get; }

    private protected ConnectionTracker Connections { get; }

    /// <summary>The instruments only this engine has, for the serve meter (none by default).</summary>
    public virtual void AddOwnInstruments(Meter meter, KeyValuePair<string, object?> engineTag)
    {
    }

    protected CancellationToken StoppingToken => _stopping.Token;

    protected bool IsStopping => _stopping.IsCancellationRequested;

    /// <summary>Binds, listens and starts accepting. Throws <see cref="SocketException"/> when the address is unusable.</summary>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("an engine can be started once");
        }

        var listener = new Socket(Options.BindAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // A restarted server must bind at once even while old connections sit in TIME_WAIT
            // (kecho could not be reloaded after its crash: "Address already in use").
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(new IPEndPoint(Options.BindAddress, Options.Port));
            listener.Listen(Options.Backlog);
            _localEndPoint = (IPEndPoint)listener.LocalEndPoint!;
            _listener = listener;
            OnStart(listener);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        Logger.LogInformation("{Engine} listening on {EndPoint}", Name, _localEndPoint);
    }

    /// <summary>
    /// Stops gracefully: stop accepting, tell every live session to finish, wait for them, release
    /// each socket exactly once. Sessions still running at the deadline are reset and released.
    /// </summary>
    public async Task<StopResult> StopAsync(TimeSpan deadline)
    {
        if (Interlocked.Exchange(ref _state, 2) == 2)
        {
            return new StopResult(TimeSpan.Zero, true, 0, 0);
        }

        var clock = Stopwatch.StartNew();
        _stopping.Cancel();
        _listener?.Dispose();
        int interrupted = Connections.Count;
        Connections.InterruptAll();

        Task engineStopped = _listener is null ? Task.CompletedTask : OnStopAsync();
        Task everything = Task.WhenAll(engineStopped, Connections.WhenDrained());
        bool withinDeadline = await WaitAsync(everything, deadline).ConfigureAwait(false);
        int forced = 0;
        if (!withinDeadline)
        {
            forced = Connections.AbortAll();
            Logger.LogWarning("{Engine}: {Forced} sessions did not end within {Deadline}; reset by force", Name, forced, deadline);
            await WaitAsync(everything, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }

        _stopping.Dispose();
        return new StopResult(clock.Elapsed, withinDeadline, interrupted, forced);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Start the accept loop(s) and whatever threads the model needs.</summary>
    protected abstract void OnStart(Socket listener);

    /// <summary>
    /// Called once the listener is closed and every live connection has been interrupted.
    /// Wake the engine's own threads; complete when they have ended.
    /// </summary>
    protected abstract Task OnStopAsync();

    /// <summary>
    /// Takes an accepted socket under management, or refuses it: stopping; over the connection cap;
    /// or on one of the descriptors kept free for the runtime (<see cref="DescriptorReserve"/>).
    /// A refused socket is closed at once and counted as rejected. Returns null when refused.
    /// </summary>
    private protected SocketConnection? Admit(Socket socket) =>
        Admit(socket, socket.Handle, static s => s.Dispose(), static s => s.RemoteEndPoint, static (tracker, s, max) => tracker.TryAdd(s, max));

    /// <summary>
    /// The same admission for a raw accepted descriptor (the event loop's), which stays a
    /// descriptor: no <see cref="Socket"/> is made for it.
    /// </summary>
    private protected DescriptorConnection? Admit(DescriptorHandle descriptor) =>
        Admit(descriptor, descriptor.DangerousGetHandle(), static d => d.Dispose(), DescriptorConnection.PeerOf, static (tracker, d, max) => tracker.TryAdd(d, max));

    /// <summary>
    /// The same admission for a descriptor whose number was picked when the client was taken
    /// (io_uring's accept), judged by its number alone (<see cref="DescriptorReserve.IsInReserve"/>).
    /// </summary>
    private protected DescriptorConnection? AdmitFresh(DescriptorHandle descriptor) =>
        Admit(descriptor, descriptor.DangerousGetHandle(), static d => d.Dispose(), DescriptorConnection.PeerOf, static (tracker, d, max) => tracker.TryAdd(d, max), fresh: true);

    /// <summary>
    /// Admission, whatever holds the accepted descriptor: the checks in this order, the same
    /// statistics and warnings, and TCP_NODELAY on what is admitted.
    /// </summary>
    private TConnection? Admit<TAccepted, TConnection>(
        TAccepted accepted, nint descriptor, Action<TAccepted> close, Func<TAccepted, EndPoint?> remote, Func<ConnectionTracker, TAccepted, int, TConnection?> add, bool fresh = false)
        where TConnection : Connection
    {
        if (IsStopping)
        {
            close(accepted);
            return null;
        }

        if (DescriptorReserve.IsInReserve(descriptor, out ulong limit, fresh))
        {
            close(accepted);
            Statistics.OnRejected();
            if (_descriptorsExhausted.Occurred(out long count))
            {
                Logger.LogWarning(
                    "{Engine}: open-file limit reached: {Count} connection(s) closed at once and counted as rejected since the last report ({Live} live; RLIMIT_NOFILE soft limit {Limit}, {Reserve} descriptors kept for the runtime); raise the limit to serve more (ulimit -n, prlimit --nofile, systemd LimitNOFILE=)",
                    Name, count, Connections.Count, limit, DescriptorReserve.Reserve);
            }

            return null;
        }

        if (add(Connections, accepted, Options.MaxConnections) is not { } connection)
        {
            Statistics.OnRejected();
            if (Options.Verbose)
            {
                Logger.LogInformation("{Engine}: rejected {Remote}: {Max} connections already", Name, remote(accepted), Options.MaxConnections);
            }

            close(accepted);
            return null;
        }

        try
        {
            connection.SetNoDelay();
        }
        catch (SocketException)
        {
            // The peer may already be gone; the session will find out and end.
        }

        if (Options.Verbose)
        {
            Logger.LogInformation("{Engine}: connection {Id} from {Remote}", Name, connection.Id, connection.RemoteEndPoint);
        }

        // A stop that began while this socket was being admitted has already interrupted the
        // others; interrupt this one too so that no session outlives the stop.
        if (IsStopping)
        {
            connection.Interrupt();
        }

        return connection;
    }

    /// <summary>
    /// Turns away a connection that was admitted but cannot get a session because the thread to
    /// run it could not be created: closed at once, counted as rejected, never a crash.
    /// </summary>
    private protected void Withdraw(Connection connection, string reason)
    {
        connection.Withdraw();
        if (_threadsExhausted.Occurred(out long count))
        {
            Logger.LogWarning(
                "{Engine}: cannot create a session thread ({Message}): {Count} connection(s) closed at once and counted as rejected since the last report ({Live} live); raise the thread limits (ulimit -u, kernel.threads-max, vm.max_map_count, a cgroup's pids.max) or set --max-connections below this",
                Name, reason, count, Connections.Count);
        }
    }

    /// <summary>Ends a session: releases its socket (once) and logs it when verbose.</summary>
    private protected void EndSession(Connection connection)
    {
        if (connection.Release() && Options.Verbose)
        {
            Logger.LogInformation("{Engine}: connection {Id} closed", Name, connection.Id);
        }
    }

    /// <summary>
    /// The accept loop of the engines that block (thread, workqueue): accepts on the calling thread
    /// until the engine stops, pauses after a failed accept as <see cref="OnAcceptFailed(Exception, AcceptBackoff)"/>
    /// says, admits each client and gives the connection to <paramref name="handOff"/>, which returns
    /// false to end the loop.
    /// </summary>
    private protected void AcceptBlocking(Socket listener, Func<SocketConnection, bool> handOff)
    {
        var backoff = new AcceptBackoff();
        while (!IsStopping)
        {
            Socket client;
            try
            {
                client = listener.Accept();
                backoff.Succeeded();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (OnAcceptFailed(e, backoff) is not { } pause)
                {
                    return;
                }

                StoppingToken.WaitHandle.WaitOne(pause);
                continue;
            }

            if (Admit(client) is { } connection && !handOff(connection))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Counts a failed accept and says how long the accept loop must pause before it tries again
    /// (<see cref="AcceptBackoff"/>); logs at most one line per interval. Returns null when the
    /// engine is stopping (the failure is the stop itself) and the loop should end.
    /// </summary>
    protected TimeSpan? OnAcceptFailed(Exception error, AcceptBackoff backoff)
    {
        ArgumentNullException.ThrowIfNull(backoff);
        if (IsStopping || error is ObjectDisposedException or OperationCanceledException)
        {
            return null;
        }

        var code = error is SocketException socketError ? socketError.SocketErrorCode : SocketError.SocketError;
        if (code is SocketError.ConnectionAborted or SocketError.ConnectionReset)
        {
            // The client gave up while it waited in the backlog (ECONNABORTED): nothing failed.
            return TimeSpan.Zero;
        }

        return OnAcceptFailed(code, error.Message, backoff);
    }

    /// <inheritdoc cref="OnAcceptFailed(Exception, AcceptBackoff)"/>
    internal TimeSpan? OnAcceptFailed(SocketError error, string message, AcceptBackoff backoff)
    {
        if (IsStopping)
        {
            return null;
        }

        Statistics.OnError(ErrorKind.AcceptFailed);
        var pause = backoff.Failed();
        if (_acceptFailing.Occurred(out long count))
        {
            string advice = error switch
            {
                SocketError.TooManyOpenSockets => "raise the open-file limit (ulimit -n; fs.file-max if the whole system is out)",
                SocketError.NoBufferSpaceAvailable => "the system is short of socket memory (net.ipv4.tcp_mem, free memory)",
                _ => "see the error",
            };
            Logger.LogWarning(
                "{Engine}: accept failed ({Message}) {Count} time(s) since the last report; connections wait in the listen backlog, accepting pauses (now {Pause} ms, doubling to {Longest} ms) and resumes by itself; {Advice}",
                Name, message, count, pause.TotalMilliseconds, AcceptBackoff.Longest.TotalMilliseconds, advice);
        }

        return pause;
    }

    /// <summary>
    /// The same for an accept that failed with <paramref name="errno"/> (the engines that accept on
    /// raw descriptors: accept4, or an io_uring accept's completion).
    /// </summary>
    private protected TimeSpan? OnAcceptFailed(int errno, AcceptBackoff backoff)
    {
        var error = errno switch
        {
            Interop.Errno.EMFILE or Interop.Errno.ENFILE => SocketError.TooManyOpenSockets,
            Interop.Errno.ENOBUFS or Interop.Errno.ENOMEM => SocketError.NoBufferSpaceAvailable,
            _ => SocketError.SocketError,
        };
        return OnAcceptFailed(error, new SocketException((int)error).Message + $" (errno {errno})", backoff);
    }

    /// <summary>
    /// What this engine does at the process's limits, in a sentence or two, for the server's start
    /// (so that nobody learns it from a crash).
    /// </summary>
    public string DescribeLimits()
    {
        string cap = Options.MaxConnections > 0
            ? $"at most {Options.MaxConnections} connections (--max-connections); beyond that a connection is closed at once and counted as rejected"
            : "no connection cap (--max-connections 0): the process's limits decide";
        return string.Join("; ", new[] { cap, DescriptorReserve.Describe(), ThreadLimitNote }.Where(s => s is not null));
    }

    /// <summary>For engines that create a thread per connection: what happens when one cannot be created.</summary>
    protected virtual string? ThreadLimitNote => null;

    /// <summary>Counts an unexpected exception in a session.</summary>
    private protected void OnSessionFault(Connection connection, Exception error)
    {
        if (error is ObjectDisposedException && (connection.IsReleased || IsStopping))
        {
            return;
        }

        Statistics.OnError(ErrorKind.Internal);
        Logger.LogError(error, "{Engine}: connection {Id} failed", Name, connection.Id);
    }

    private static async Task<bool> WaitAsync(Task task, TimeSpan timeout)
    {
        var finished = await Task.WhenAny(task, Task.Delay(timeout)).ConfigureAwait(false);
        if (finished == task)
        {
            await task.ConfigureAwait(false);
            return true;
        }

        return false;
    }
}
