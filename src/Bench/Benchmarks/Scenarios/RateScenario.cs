using System.Net;
using BenchmarkDotNet.Attributes;
using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Scenarios;

/// <summary>
/// <c>rate</c>: an open loop at a fixed offered rate (20 000 requests/s over 50 connections),
/// latency measured from each request's scheduled time, so a server that stalls is charged for
/// every request it delayed (coordinated omission corrected). Shows tail latency at a load the
/// clients do not slow down for.
/// </summary>
public class RateScenario : ScenarioBenchmark
{
    public const string Name = ScenarioCatalog.Rate;

    public override string Scenario => Name;

    /// <summary>One value, from the profile: a parameter so that it shows in every table.</summary>
    [ParamsSource(nameof(ClientsValues))]
    public int Clients { get; set; }

    public static IEnumerable<int> ClientsValues => [Profile.RateConnections];

    private protected override int Connections => Clients;

    private protected override RoundShape Shape(IPEndPoint target) => new()
    {
        Target = target,
        Mode = RoundMode.Rate,
        Clients = Clients,
        Rate = Profile.Rate,
        Duration = Profile.RateDuration,
        PayloadSize = Profile.PayloadSize,
        Timeout = Timeout,
    };

    private protected override CaseResult Identity() => CaseIdentity(Clients, 0, ("rate", $"{Profile.Rate}"), ("duration", Format(Profile.RateDuration)));
}
