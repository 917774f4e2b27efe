using System.Net;
using System.Net.Sockets;
using KEchoBench.Bench.Load;

namespace KEchoBench.Bench.Cli.LoadOutput;

/// <summary>Small formatting helpers shared by the load command's outputs.</summary>
internal static class LoadText
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
        string run = s.Mode switch
        {
            LoadMode.Burst => $"burst: {s.Clients} connections at once, {s.Rounds} rounds, {payload}, target {EndPoint(s.Target)}",
            LoadMode.Rate => $"rate: {s.Rate:0.##} requests/s over {s.Clients} connections {amount}, pipeline {s.Pipeline}, {payload}, {s.Rounds} round(s), target {EndPoint(s.Target)}",
            _ => $"closed: {s.Clients} clients {amount}, pipeline {s.Pipeline}, {payload}, {connections}, {s.Rounds} round(s), target {EndPoint(s.Target)}",
        };
        return $"{run}, {Warmup(s)}";
    }

    /// <summary>"warm-up 1 s (the default; --warmup 0 for none)", "warm-up 200 requests per connection", "no warm-up".</summary>
    public static string Warmup(LoadSettings s)
    {
        string unit = s.Mode == LoadMode.Burst ? "round(s)" : "requests per connection";
        string what = s.WarmupDuration is { } d ? $"warm-up {d.TotalSeconds:0.###} s"
            : s.WarmupCount > 0 ? $"warm-up {s.WarmupCount} {unit}"
            : "no warm-up";
        return s.WarmupIsDefault ? $"{what} (the default; --warmup 0 for none)" : what;
    }
}
