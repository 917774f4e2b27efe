using System.Net;
using System.Net.Sockets;
using KEchoBench.Servers;
using KEchoBench.Servers.Sessions;
using KEchoBench.Servers.Statistics;
using Xunit;

namespace KEchoBench.Tests.Engines;

/// <summary>
/// The event loop's connections are raw descriptors, never wrapped in a Socket: admitted under the
/// same cap and statistics, they still know their peer, and closing one is an orderly end (FIN).
/// </summary>
public sealed class DescriptorConnectionTests
{
    [Fact]
    public unsafe void A_raw_descriptor_is_admitted_knows_its_peer_and_ends_in_order()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        using var other = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        other.Connect(listener.LocalEndPoint!);
        var statistics = new EngineStatistics();
        var tracker = new ConnectionTracker(statistics);

        var connection = tracker.TryAdd(new DescriptorHandle(Interop.Sockets.accept4((int)listener.Handle, null, null, Interop.Sockets.SOCK_CLOEXEC)), max: 1);
        var refused = new DescriptorHandle(Interop.Sockets.accept4((int)listener.Handle, null, null, Interop.Sockets.SOCK_CLOEXEC));

        Assert.NotNull(connection);
        Assert.Null(tracker.TryAdd(refused, max: 1)); // the cap is the one the socket engines have
        refused.Dispose();
        Assert.Equal(client.LocalEndPoint, connection.RemoteEndPoint);
        connection.SetNoDelay();
        Assert.True(connection.Release());
        Assert.False(connection.Release());
        Assert.Equal(0, client.Receive(new byte[1])); // end of stream, not a reset
        Assert.Equal(0, tracker.Count);
        Assert.Equal(1, statistics.Accepted);
        Assert.Equal(1, statistics.Closed);
    }
}
