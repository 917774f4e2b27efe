using System.Net;
using System.Net.Sockets;

namespace KEchoBench.Bench.Load.Output;

/// <summary>Small formatting helpers shared by the load command's outputs.</summary>
public static class LoadText
{
    public static string EndPoint(IPEndPoint endPoint) =>
        endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]:{endPoint.Port}" : $"{endPoint.Address}:{endPoint.Port}";

    public static string Describe(LoadSettings s)
    {
        string payload = s.Payload switch
        {
            PayloadKind.Telnet => "telnet lines",
            PayloadKind.Dummy => "'dummy message'",
            _ => $"{s.Size} B",
        };
        string connections = s.KeepOpen ? "connections kept open" : "clients hang up after their last echo";
        string amount = s.Duration is { } d ? $"for {d.TotalSeconds:0.###} s" : $"× {s.Requests} requests";
        return s.Mode switch
        {
            LoadMode.Burst => $"burst: {s.Clients} connections at once, {s.Rounds} rounds, {payload}, target {EndPoint(s.Target)}",
            LoadMode.Rate => $"rate: {s.Rate:0.##} requests/s over {s.Clients} connections {amount}, pipeline {s.Pipeline}, {payload}, {s.Rounds} round(s), target {EndPoint(s.Target)}",
            _ => $"closed: {s.Clients} clients {amount}, pipeline {s.Pipeline}, {payload}, {connections}, {s.Rounds} round(s), target {EndPoint(s.Target)}",
        };
    }
}
