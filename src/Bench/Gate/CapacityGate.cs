using KEchoBench.Bench.Capacity;
using KEchoBench.Bench.Processes;
using KEchoBench.Bench.Results;
using KEchoBench.Servers.Configuration;

namespace KEchoBench.Bench.Gate;

/// <summary>
/// <c>ab --capacity</c>: the maximum sustainable rate of the base's server against the head's,
/// one engine at a time. The paired rounds of the rest of the gate cannot carry it: a search is
/// 10–30 steps long and ends where the server breaks, so it is a whole search, not a round, that
/// is paired. Each search runs against a server started for it alone (a search that broke a
/// server must not leave the next one a wounded process), and the two builds' searches alternate
/// in <see cref="AbOrder"/>'s balanced AB/BA order, so that a slow spell of the machine falls on
/// both. The verdict is <c>compare</c>'s rule for two capacity runs
/// (<see cref="CapacityComparison.Between"/>): slower only when the head's median is more than the
/// margin below the base's and every head search found less than every base search.
/// </summary>
internal static class CapacityGate
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    public static async Task<AbCapacityResult> RunAsync(
        string engine, AbSettings settings, CapacitySettings capacity, Placement placement, Random order, Action<string> progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(capacity);
        ArgumentNullException.ThrowIfNull(placement);
        ArgumentNullException.ThrowIfNull(progress);
        int connections = capacity.Connections[0];
        var headFirst = AbOrder.HeadFirst(capacity.Repeats, order);
        var baseSearches = new List<CapacityRepetition>();
        var headSearches = new List<CapacityRepetition>();
        for (int i = 0; i < headFirst.Count; i++)
        {
            foreach (bool head in headFirst[i] ? new[] { true, false } : [false, true])
            {
                var search = await SearchAsync(head ? null : settings.Base, engine, settings.InjectedWork, capacity, connections, placement, i + 1, cancellation).ConfigureAwait(false);
                (head ? headSearches : baseSearches).Add(search);
                progress($"capacity search {i + 1} of {headFirst.Count}, {(head ? "head" : "base")}: {CapacityStage.Describe(search)}");
            }
        }

        var before = CapacityStage.Summarize(engine, connections, baseSearches, capacity);
        var after = CapacityStage.Summarize(engine, connections, headSearches, capacity);
        var comparison = CapacityComparison.Between(before, after, settings.MarginPercent);
        return new AbCapacityResult(engine, connections, headFirst, before, after, comparison.Text, comparison.Regression ? GateOutcome.Slower : GateOutcome.Same);
    }

    /// <summary>One search against a fresh server: the base's (<paramref name="command"/>) or, when null, this build's with the injected work.</summary>
    private static async Task<CapacityRepetition> SearchAsync(
        BaseServer? command, string engine, WorkModel injected, CapacitySettings capacity, int connections, Placement placement, int index, CancellationToken cancellation)
    {
        await using var server = await AbServer.StartProcessAsync(command, engine, injected, cancellation).ConfigureAwait(false);
        placement.PinServer(server.Pid);
        CapacityRepetition search;
        using (var runner = new LoadStepRunner(server.EndPoint, connections, server.Pid, capacity))
        {
            search = await CapacitySearch.RunAsync(runner, capacity, index, cancellation).ConfigureAwait(false);
        }

        await server.StopAsync(StopTimeout).ConfigureAwait(false);
        return search;
    }
}
