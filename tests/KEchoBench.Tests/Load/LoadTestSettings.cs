using System.Net;
using KEchoBench.Bench.Load;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Engines;

namespace KEchoBench.Tests.Load;

/// <summary>Shared pieces of the load generator tests: an in-process engine and small settings.</summary>
internal static class LoadTestSettings
{
    public static LoadSettings Small(IPEndPoint target, LoadMode mode = LoadMode.Closed) => new()
    {
        Target = target,
        Mode = mode,
        Clients = 4,
        Requests = 100,
        Timeout = TimeSpan.FromSeconds(5),
    };

    public static Engine StartEngine(string name = "cmwq")
    {
        var engine = EngineRegistry.Create(name, new EngineOptions { Port = 0 });
        engine.Start();
        return engine;
    }

    /// <summary>A loopback port with nothing listening on it (bound, then released).</summary>
    public static int FreePort()
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
