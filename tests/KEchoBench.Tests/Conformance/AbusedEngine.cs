using System.Net;
using System.Net.Sockets;
using KEchoBench.Servers.Engines;
using KEchoBench.Servers.Statistics;
using KEchoBench.Tests.Support;
using Xunit;

namespace KEchoBench.Tests.Conformance;

/// <summary>
/// An engine under abuse, with the well-behaved client that is checked before, during and after.
/// The client connects first, so that it holds a worker of the workqueue engine (whose later
/// clients may starve by design).
/// </summary>
internal sealed class AbusedEngine : IAsyncDisposable
{
    private readonly CancellationTokenSource _timeout;

    private AbusedEngine(Engine engine, EchoClient steady, CancellationTokenSource timeout)
    {
        Engine = engine;
        Steady = steady;
        _timeout = timeout;
    }

    public Engine Engine { get; }

    public EchoClient Steady { get; }

    public CancellationToken Token => _timeout.Token;

    public static async Task<AbusedEngine> StartAsync(Engine engine, TimeSpan timeout)
    {
        var cts = new CancellationTokenSource(timeout);
        try
        {
            var steady = await EchoClient.ConnectAsync(engine.LocalEndPoint, cts.Token);
            Assert.Equal("first\n"u8.ToArray(), await steady.EchoAsync("first\n"u8.ToArray(), cts.Token));
            return new AbusedEngine(engine, steady, cts);
        }
        catch
        {
            cts.Dispose();
            await engine.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Once the abuse is over: only the well-behaved session is left, it is still served, a new
    /// client is served, and nothing failed inside the engine or its accept loop.
    /// </summary>
    public async Task AssertStillServingAsync(string what)
    {
        await Eventually.TrueAsync(() => Engine.Statistics.Active == 1, what);
        Assert.Equal("after\n"u8.ToArray(), await Steady.EchoAsync("after\n"u8.ToArray(), Token));
        Assert.True(await TryEchoAsync(Engine.LocalEndPoint, Token), $"a new client was not served once {what}");
        Assert.Equal(0, Engine.Statistics.Errors(ErrorKind.Internal));
        Assert.Equal(0, Engine.Statistics.Errors(ErrorKind.AcceptFailed));
    }

    /// <summary>A new connection that is served: false when the server sheds it instead.</summary>
    public static async Task<bool> TryEchoAsync(IPEndPoint endPoint, CancellationToken cancellation)
    {
        using var client = await EchoClient.ConnectAsync(endPoint, cancellation);
        try
        {
            byte[] message = "new client\n"u8.ToArray();
            return (await client.EchoAsync(message, cancellation)).AsSpan().SequenceEqual(message);
        }
        catch (Exception e) when (e is EndOfStreamException or SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Steady.Dispose();
        await Engine.DisposeAsync();
        _timeout.Dispose();
    }
}
