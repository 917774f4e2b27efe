using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;
using KEchoBench.Tests.Reports;
using Xunit;

namespace KEchoBench.Tests.Attribution;

public sealed class RuntimeTableTests
{
    [Fact]
    public void Rounds_add_their_counts_keep_their_peaks_and_the_table_divides_by_the_requests()
    {
        var first = new RuntimeMoved { PoolThreadsAtEnd = 4, PoolThreadsPeak = 6, QueueLengthPeak = 40, WorkItemsCompleted = 1000, LockContentions = 10, GcCollections = 1, GcPauseMs = 2, Samples = 3 };
        var second = first with { PoolThreadsPeak = 9, QueueLengthPeak = 12, WorkItemsCompleted = 1100, LockContentions = 20, GcCollections = 0, GcPauseMs = 0 };
        var cmwq = WithRuntime(CraftedRuns.Case("burst", "cmwq", 1000, 10, 20, rounds: 2, requests: 1000), [first, second]);
        var external = WithRuntime(CraftedRuns.Case("burst", "external:127.0.0.1:7003", 1000, 10, 20, rounds: 1, requests: 1000), [null]);

        var table = RuntimeTable.For(ScenarioData.From(CraftedRuns.Run("quick", cmwq, external))[0]);

        Assert.NotNull(table);
        var row = Assert.Single(table.Rows);

        // 2,100 work items, 30 contentions and 2 ms of pause over the two rounds' requests.
        long requests = cmwq.Overall!.Requests;
        Assert.Equal(["1000", "cmwq", "9", "40", (2100.0 / requests).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)], row.Take(5));
        Assert.Equal("1", row[6]);
        Assert.Contains(table.Notes!, n => n.StartsWith("external:127.0.0.1:7003: none (not a kechobench serve process", StringComparison.Ordinal));
    }

    [Fact]
    public void A_scenario_where_no_server_had_runtime_counters_has_no_table()
    {
        var external = WithRuntime(CraftedRuns.Case("burst", "external:127.0.0.1:7003", 10, 10, 20, rounds: 1), [null]);
        Assert.Null(RuntimeTable.For(ScenarioData.From(CraftedRuns.Run("quick", external))[0]));
    }

    [Fact]
    public void A_run_where_only_some_rounds_were_read_has_no_overall_figure_and_says_so()
    {
        var read = new RoundAttribution { Runtime = new RuntimeMoved { WorkItemsCompleted = 5 } };
        var missed = new RoundAttribution { RuntimeAbsent = null };
        var together = read.Plus(missed);
        Assert.Null(together.Runtime);
        Assert.Equal("read in some rounds only", together.RuntimeAbsent);
        Assert.Equal(10, read.Plus(read).Runtime!.WorkItemsCompleted);
    }

    private static CaseResult WithRuntime(CaseResult @case, IReadOnlyList<RuntimeMoved?> rounds)
    {
        var attributions = rounds.Select(r => new RoundAttribution { Runtime = r, RuntimeAbsent = r is null ? KEchoBench.Bench.Attribution.RuntimeCounterClient.NoEndpoint : null }).ToList();
        return @case with
        {
            Iterations = [.. @case.Iterations.Select((i, n) => i with { Attribution = attributions[n] })],
            Overall = @case.Overall! with { Attribution = attributions.Skip(1).Aggregate(attributions[0], (a, b) => a.Plus(b)) },
        };
    }
}
