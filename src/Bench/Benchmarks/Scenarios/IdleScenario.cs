using System.Net;
using BenchmarkDotNet.Attributes;
using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Scenarios;

/// <summary>
/// <c>idle</c>: 100 long-lived silent sessions (telnet users) are held open for the whole case
/// while 10 active clients run (and hang up after their requests, as in every closed loop). On the fixed workqueue the idle sessions hold every worker and
/// the active clients are never answered: each of their requests ends as a timeout error after
/// the profile's deadline (1 s by default), so the case completes and the starvation shows as an
/// error count.
/// </summary>
public class IdleScenario : ScenarioBenchmark
{
    public const string Name = ScenarioCatalog.Idle;
    private IdleSessions? _idle;
    private double? _idleBytesPerSession;

    public override string Scenario => Name;

    /// <summary>One value, from the profile: a parameter so that it shows in every table.</summary>
    [ParamsSource(nameof(ClientsValues))]
    public int Clients { get; set; }

    public static IEnumerable<int> ClientsValues => [Profile.IdleActiveClients];

    private protected override int Connections => Clients + Profile.IdleSessions;

    private protected override RoundShape Shape(IPEndPoint target) => ClosedLoop(target, Clients, Profile.RequestsFor(Clients));

    private protected override CaseResult Identity() =>
        CaseIdentity(Clients, Profile.RequestsFor(Clients), (CaseParameters.Idle, $"{Profile.IdleSessions}"))
        with { IdleMemoryPerSessionBytes = _idleBytesPerSession };

    private protected override async Task OnServerReadyAsync(IPEndPoint target)
    {
        var before = SampleServer();
        _idle = await IdleSessions.OpenAsync(target, Profile.IdleSessions, TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);

        // Connected is not yet accepted: give the server a moment to take the sessions in.
        await Task.Delay(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
        if (before is not null && SampleServer() is { } after && _idle.Count > 0)
        {
            _idleBytesPerSession = (after.RssBytes - before.RssBytes) / (double)_idle.Count;
        }
    }

    private protected override async Task OnServerStoppingAsync()
    {
        if (_idle is not null)
        {
            await _idle.DisposeAsync().ConfigureAwait(false);
            _idle = null;
        }
    }
}
