using System.Net.Sockets;
using KEchoBench.Servers;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Engines;
using KEchoBench.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace KEchoBench.Tests.Engines;

/// <summary>
/// The thread engine when a session thread cannot be created: the connection is refused and
/// counted, the engine says so once, and the sessions that have a thread, and the ones after, are
/// served. Thread creation is made to fail as pthread_create fails at a thread limit (EAGAIN), for
/// chosen connections only, so the test needs no privileges and leaves the machine's threads alone.
/// </summary>
public sealed class ThreadExhaustionTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AClientWhoseThreadCannotBeCreatedIsRefusedAndCountedAndTheOthersAreServed()
    {
        const int failing = 5;
        int attempts = 0;

        // Connections 2 to 6 meet the limit; the first one and every one after get their thread.
        int StartThread(Action body, nuint stackSize)
        {
            int attempt = Interlocked.Increment(ref attempts);
            return attempt is >= 2 and < 2 + failing ? Interop.Errno.EAGAIN : Interop.Threads.Start(body, stackSize);
        }

        var warnings = new WarningCounter();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(warnings));
        await using var engine = new ThreadEngine(new EngineOptions { Port = 0 }, loggerFactory, StartThread);
        engine.Start();
        using var cts = new CancellationTokenSource(TestTimeout);

        using var first = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token);
        Assert.Equal("one"u8.ToArray(), await first.EchoAsync("one"u8.ToArray(), cts.Token));

        for (int i = 0; i < failing; i++)
        {
            using var refused = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token);
            await refused.SendAsync("lost?"u8.ToArray(), cts.Token);
            Assert.Empty(await ReceiveUntilClosed(refused, cts.Token));
        }

        // The session that had its thread before is still served, and so is a new one.
        Assert.Equal("still"u8.ToArray(), await first.EchoAsync("still"u8.ToArray(), cts.Token));
        using var after = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token);
        Assert.Equal("after"u8.ToArray(), await after.EchoAsync("after"u8.ToArray(), cts.Token));

        Assert.Equal(failing, engine.Statistics.Rejected);
        // A withdrawn connection counts as rejected instead of accepted: two sessions were served.
        Assert.Equal(2, engine.Statistics.Accepted);

        // Five refusals within the log's interval: one line, naming the limit to raise.
        var lines = warnings.Lines.Where(l => l.Contains("cannot create a session thread", StringComparison.Ordinal)).ToList();
        Assert.Single(lines);
        Assert.Contains("EAGAIN", lines[0], StringComparison.Ordinal);
        Assert.Contains("pids.max", lines[0], StringComparison.Ordinal);
    }

    /// <summary>What a refused client reads: nothing, then the close (or a reset).</summary>
    private static async Task<byte[]> ReceiveUntilClosed(EchoClient client, CancellationToken cancellation)
    {
        try
        {
            return await client.ReceiveToEndAsync(cancellation);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return [];
        }
    }

    private sealed class WarningCounter : ILoggerProvider, ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lock (_lines)
                {
                    _lines.Add(formatter(state, exception));
                }
            }
        }

        public void Dispose()
        {
        }
    }
}
