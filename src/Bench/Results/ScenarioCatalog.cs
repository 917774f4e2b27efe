namespace KEchoBench.Bench.Results;

/// <summary>
/// The one catalog of scenarios: their names, what each is meant to reveal, and the order reports
/// show them in. The suite maps these names to its benchmark classes in <c>Benchmarks/Scenarios/ScenarioTypes</c>,
/// in the same order; a test holds the two lists to each other, since the layers below the
/// benchmarks (capacity, results, reports' lookups) need the names without the classes.
/// </summary>
internal static class ScenarioCatalog
{
    public const string Clients = "clients";
    public const string Burst = "burst";
    public const string Blocking = "blocking";
    public const string Cpu = "cpu";
    public const string Idle = "idle";
    public const string Rate = "rate";

    public const string KechoBench = KechoCases.BenchScenario;

    public const string KechoTelnet = KechoCases.TelnetScenario;

    /// <summary>The profile that runs the kecho report's experiments as it ran them.</summary>
    public const string KechoProfile = "kecho";

    private static readonly (string Name, string Purpose)[] Known =
    [
        (Clients, "Closed-loop clients sweep: how latency, throughput and CPU change as connections grow (the kecho report's clients × requests experiment)."),
        (Burst, "A burst of connections released at once, one message each: the accept path and the cost of starting a session (kecho's bench tool and its bench.png)."),
        (Blocking, "Every request sleeps (blocks) on the server: does a blocked worker hold up the others queued behind it?"),
        (Cpu, "Every request burns CPU on the server: does the model keep the cores busy without oversubscribing them?"),
        (Idle, "Idle sessions are held open while active clients run: do idle connections cost a worker each?"),
        (Rate, "Open loop at a fixed offered rate, percentiles corrected for coordinated omission: latency as a user arriving on a schedule sees it."),
        (KechoBench, "kecho's bench tool as it ran: 1000 connections released at once, each sends 'dummy message', reads the echo and closes; "
            + "time per connection index as in its bench.png, average and worst response time and server CPU per engine."),
        (KechoTelnet, "kecho's telnet clients as the report ran them: each client connects, writes its lines 'Telnet No.<client>,Write No<i>', "
            + "reads each echo, closes; the clients × requests grid (20 × 20, 40 × 5, 50 × 20) and a sweep of clients at 20 requests."),
    ];

    /// <summary>Every described scenario, in story order (ScenarioCatalogAgreementTests holds the benchmark classes to it).</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Known.Select(k => k.Name)];

    /// <summary>Connections released at once, one message each: plotted per connection as kecho's bench.png.</summary>
    public static bool IsBurst(string scenario) => scenario is Burst or KechoBench;

    /// <summary>Orders scenario names: known ones in story order, then any others alphabetically.</summary>
    public static IReadOnlyList<string> Order(IEnumerable<string> scenarios) =>
        [.. scenarios.Distinct(StringComparer.Ordinal).OrderBy(Rank).ThenBy(s => s, StringComparer.Ordinal)];

    public static string PurposeOf(string scenario) =>
        Known.FirstOrDefault(k => k.Name == scenario).Purpose ?? "A scenario this report version does not describe.";

    private static int Rank(string scenario)
    {
        int index = Array.FindIndex(Known, k => k.Name == scenario);
        return index >= 0 ? index : Known.Length;
    }
}
