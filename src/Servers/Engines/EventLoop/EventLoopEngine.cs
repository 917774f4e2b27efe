using System.Diagnostics.Metrics;
using System.Net.Sockets;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Limits;
using KEchoBench.Servers.Sessions;
using Microsoft.Extensions.Logging;

namespace KEchoBench.Servers.Engines;

/// <summary>
/// The user-space epoll server: a few event loops (one per two processors by default), each a thread
/// that multiplexes its connections with epoll and non-blocking I/O and runs the echo, work model
/// included, inline on the loop thread, with no hop to the ThreadPool. Every loop watches the one
/// listening socket with EPOLLEXCLUSIVE and accepts for itself, so there is no hand-off either.
/// Linux only: it calls epoll directly.
/// </summary>
internal sealed class EventLoopEngine : Engine
{
    public const string EngineName = "eventloop";
    public const string EngineDescription = "epoll event loops, one per two cores, non-blocking I/O echoed inline on the loop (user-space epoll server analogue)";

    private readonly List<EventLoop> _loops = [];

    public EventLoopEngine(EngineOptions options, ILoggerFactory? loggerFactory = null)
        : base(options, loggerFactory)
    {
    }

    public override string Name => EngineName;

    public override string Description => EngineDescription;

    protected override void OnStart(Socket listener)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the eventloop engine calls epoll and runs on Linux only");
        }

        // accept4 must not block: with several loops woken, only one gets the connection.
        listener.Blocking = false;
        int listenerFd = (int)listener.Handle;
        for (int i = 0; i < (Options.Workers ?? EngineOptions.DefaultEventLoops); i++)
        {
            _loops.Add(new EventLoop(i, listenerFd, Options, Statistics, Admit, EndSession, OnAcceptFailed, Logger));
        }

        foreach (var loop in _loops)
        {
            loop.Start();
        }
    }

    /// <summary>Connections each loop holds now, loop 0 first (read for the serve meter; empty before start).</summary>
    public IReadOnlyList<int> ConnectionsPerLoop => [.. _loops.Select(l => l.ConnectionCount)];

    public override void AddOwnInstruments(Meter meter, KeyValuePair<string, object?> engineTag)
    {
        ArgumentNullException.ThrowIfNull(meter);
        meter.CreateObservableUpDownCounter("kechobench.eventloop.connections", () => PerLoop(engineTag), "{connection}", "Connections served by each event loop (loop)");
    }

    private IEnumerable<Measurement<int>> PerLoop(KeyValuePair<string, object?> engineTag) =>
        ConnectionsPerLoop.Select((count, loop) => new Measurement<int>(count, engineTag, new KeyValuePair<string, object?>("loop", loop)));

    protected override Task OnStopAsync()
    {
        foreach (var loop in _loops)
        {
            loop.RequestStop();
        }

        return Task.WhenAll(_loops.Select(l => l.Completion));
    }
}
