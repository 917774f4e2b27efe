using System.Diagnostics.Metrics;
using System.Net.Sockets;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Limits;
using KEchoBench.Servers.Sessions;
using Microsoft.Extensions.Logging;

namespace KEchoBench.Servers.Engines;

/// <summary>
/// The io_uring server: a few loops (as many as the event loop engine's, one per two processors by
/// default), each a thread with its own ring. Each ring keeps a multishot accept on the one
/// listening socket and a multishot receive per connection into that connection's provided buffer
/// ring; each chunk is echoed by a send through the ring, the work model run inline on the loop
/// first. No hop to the ThreadPool and no readiness step: the loop waits for completions, not for
/// readiness. Linux 6.1 or later; where io_uring is missing or forbidden, <see cref="Engine.Start"/>
/// throws <see cref="IoUringUnavailableException"/> saying why (<see cref="IoUringProbe"/>). With
/// <see cref="EngineOptions.SqPoll"/> each ring has a kernel submission thread (off by default: on
/// two cores it cost 1.9-8.7x the server CPU per request, docs/measurements/2026-12-05-uring-sqpoll.md);
/// where the kernel refuses one, <see cref="Engine.Start"/> throws saying so (<see cref="SqPollProbe"/>).
/// </summary>
internal sealed class UringEngine : Engine
{
    public const string EngineName = "uring";
    public const string EngineDescription = "io_uring loops, one per two cores: multishot accept and receive into provided buffer rings, echoed by sends through the ring (io_uring server analogue)";

    private readonly List<UringLoop> _loops = [];
    private readonly IoUringProbe? _probe;
    private readonly SqPollProbe? _sqPollProbe;
    private readonly RateLimitedWarning _slotsExhausted = new();

    public UringEngine(EngineOptions options, ILoggerFactory? loggerFactory = null)
        : this(options, loggerFactory, probe: null)
    {
    }

    /// <param name="probe">Whether io_uring can be used here (null: ask this machine); tests inject a failing one.</param>
    /// <param name="sqPollProbe">Whether a ring may have a submission thread, asked with <c>--sqpoll</c> only (null: ask this machine).</param>
    internal UringEngine(EngineOptions options, ILoggerFactory? loggerFactory, IoUringProbe? probe, SqPollProbe? sqPollProbe = null)
        : base(options, loggerFactory)
    {
        _probe = probe;
        _sqPollProbe = sqPollProbe;
    }

    public override string Name => EngineName;

    public override string Description => EngineDescription;

    /// <summary>Connections each loop holds now, loop 0 first (read for the serve meter; empty before start).</summary>
    public IReadOnlyList<int> ConnectionsPerLoop => [.. _loops.Select(l => l.ConnectionCount)];

    /// <summary>Sends in flight on each loop, loop 0 first (the serve meter's).</summary>
    public IReadOnlyList<int> SendsInFlightPerLoop => [.. _loops.Select(l => l.SendsInFlight)];

    public override void AddOwnInstruments(Meter meter, KeyValuePair<string, object?> engineTag)
    {
        ArgumentNullException.ThrowIfNull(meter);
        meter.CreateObservableUpDownCounter("kechobench.uring.connections", () => PerLoop(ConnectionsPerLoop, engineTag), "{connection}", "Connections served by each io_uring loop (loop)");
        meter.CreateObservableUpDownCounter("kechobench.uring.sends_in_flight", () => PerLoop(SendsInFlightPerLoop, engineTag), "{send}", "Echoes submitted to each ring and not yet completed (loop): peers reading slower than they write");
    }

    private static IEnumerable<Measurement<int>> PerLoop(IReadOnlyList<int> counts, KeyValuePair<string, object?> engineTag) =>
        counts.Select((count, loop) => new Measurement<int>(count, engineTag, new KeyValuePair<string, object?>("loop", loop)));

    /// <summary>Null when this machine can run the engine, otherwise why not (for bench, which leaves the engine out).</summary>
    public static string? Unavailable() => IoUringProbe.SystemUnavailable();

    protected override void OnStart(Socket listener)
    {
        string? unavailable = _probe is null ? IoUringProbe.SystemUnavailable() : _probe.Unavailable();
        if (unavailable is not null)
        {
            throw new IoUringUnavailableException($"the {EngineName} engine cannot run here: {unavailable}");
        }

        if (Options.SqPoll && (_sqPollProbe is null ? SqPollProbe.SystemUnavailable() : _sqPollProbe.Unavailable()) is { } refused)
        {
            throw new IoUringUnavailableException($"the {EngineName} engine cannot run with --sqpoll here: {refused}; run without --sqpoll");
        }

        int listenerFd = (int)listener.Handle;
        for (int i = 0; i < (Options.Workers ?? EngineOptions.DefaultEventLoops); i++)
        {
            _loops.Add(new UringLoop(i, listenerFd, Options, Statistics, AdmitFresh, EndSession, Refuse, OnAcceptFailed, Logger));
        }

        foreach (var loop in _loops)
        {
            loop.Start();
        }

        try
        {
            Task.WhenAll(_loops.Select(l => l.Started)).GetAwaiter().GetResult();
        }
        catch (SocketException e)
        {
            OnStopAsync().GetAwaiter().GetResult();
            throw new IoUringUnavailableException($"the {EngineName} engine cannot set up its rings: {e.Message} (errno {e.ErrorCode})", e);
        }
    }

    protected override Task OnStopAsync()
    {
        foreach (var loop in _loops)
        {
            loop.RequestStop();
        }

        return Task.WhenAll(_loops.Select(l => l.Completion));
    }

    /// <summary>
    /// Turns away a connection that was admitted but cannot have a buffer ring (the kernel refused
    /// to register one, at the locked-memory limit, or the loop has 65536 already): closed at once,
    /// counted as rejected, said once per interval.
    /// </summary>
    private void Refuse(Connection connection, int errno)
    {
        connection.Withdraw();
        if (_slotsExhausted.Occurred(out long count))
        {
            Logger.LogWarning(
                "{Engine}: cannot register a receive buffer ring for a connection (errno {Errno}): {Count} connection(s) closed at once and counted as rejected since the last report; raise the locked-memory limit (ulimit -l), add loops (--workers) or set --max-connections below this",
                Name, errno, count);
        }
    }
}
