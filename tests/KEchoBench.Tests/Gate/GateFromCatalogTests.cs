using CsCheck;
using KEchoBench.Bench.Gate;
using KEchoBench.Bench.Results;
using Xunit;

namespace KEchoBench.Tests.Gate;

/// <summary>
/// The gate's figures a round measures come from the metric catalog (entries with a
/// <see cref="GateUse"/>): the same names, order, margins and floors as the gate's list by hand had,
/// and the same values, key for key and NaN for NaN, as the gate computed them itself
/// (<see cref="OldValues"/>: its code before the catalog drove it, kept here as the reference).
/// </summary>
public sealed class GateFromCatalogTests
{
    [Fact]
    public void The_gates_list_is_as_it_was_by_hand()
    {
        Assert.Equal(["time", "p99", "cpu", "vcsw", "ivcsw", "runq", "syscr", "syscw", "alloc"], GateMetric.All.Select(m => m.Name));
        Assert.Equal([1.0, 2, 1, 1, 4, 4, 1, 1, 1], GateMetric.All.Select(m => m.MarginFactor));
        // Run-queue wait got its floor of 1 µs after the catalog took the list over (a same-build false alarm: CaseDecisionTests).
        Assert.Equal([0.0, 0, 0, 0, 0, AttributionMetrics.RunQueueFloorUs, 0, 0, 1], GateMetric.All.Select(m => m.Floor));
        Assert.Equal(
            [GateMetric.Time, GateMetric.P99, GateMetric.Cpu, GateMetric.Voluntary, GateMetric.Involuntary, GateMetric.RunQueueWait, GateMetric.Reads, GateMetric.Writes, GateMetric.Allocated],
            GateMetric.All);
        Assert.Same(GateMetric.All, GateMetric.All);
    }

    [Fact]
    public void The_figures_a_round_measures_are_the_catalogs_and_the_others_the_gates_own()
    {
        Assert.Equal([Metrics.Time, Metrics.P99, Metrics.ServerCpuPerRequest, AttributionMetrics.VoluntarySwitches, AttributionMetrics.InvoluntarySwitches, AttributionMetrics.RunQueueWait],
            GateMetric.All.Where(m => m.Figure is not null).Select(m => m.Figure!));
        Assert.Equal(GateMetric.GateOnly, GateMetric.All.Where(m => m.Figure is null));
        Assert.Equal(GateRound.Open, GateMetric.P99.Use.Round);
        Assert.All(GateMetric.All.Where(m => m != GateMetric.P99), m => Assert.Equal(GateRound.Closed, m.Use.Round));
    }

    [Fact]
    public void Switches_and_run_queue_wait_are_the_servers_threads_over_the_closed_rounds_requests()
    {
        var closed = Closed(requests: 5000);
        var times = new ProcessTimes { VoluntarySwitches = 12_345, InvoluntarySwitches = 67, RunQueueWaitMs = 3.2 };

        var values = GateMetric.FromCatalog(AbServer.WithServerThreads(closed, times), Open());

        Assert.Equal(12_345 / 5000.0, values["vcsw"]);
        Assert.Equal(67 / 5000.0, values["ivcsw"]);
        Assert.Equal(3.2 * 1000 / 5000, values["runq"]);
        Assert.Equal(OldValues(closed, Open(), times), values);
    }

    [Fact]
    public void Without_the_servers_threads_there_are_no_switches_and_without_schedstat_no_run_queue_wait()
    {
        var unread = GateMetric.FromCatalog(AbServer.WithServerThreads(Closed(5000), null), Open());
        Assert.DoesNotContain("vcsw", unread.Keys);
        Assert.DoesNotContain("ivcsw", unread.Keys);
        Assert.DoesNotContain("runq", unread.Keys);

        var noSchedStat = new ProcessTimes { VoluntarySwitches = 10, InvoluntarySwitches = 1, SchedStatAbsent = "no schedstat" };
        var values = GateMetric.FromCatalog(AbServer.WithServerThreads(Closed(5000), noSchedStat), Open());
        Assert.Equal(10 / 5000.0, values["vcsw"]);
        Assert.DoesNotContain("runq", values.Keys);

        // Threads read but no request completed: switches are there but not a number, run-queue wait left out (as before).
        var none = GateMetric.FromCatalog(AbServer.WithServerThreads(Closed(0), new ProcessTimes { VoluntarySwitches = 3, RunQueueWaitMs = 1 }), Open());
        Assert.True(double.IsNaN(none["vcsw"]));
        Assert.True(double.IsNaN(none["ivcsw"]));
        Assert.DoesNotContain("runq", none.Keys);
    }

    [Fact]
    public void Every_figure_is_what_the_gate_computed_by_hand()
    {
        var times = Gen.Select(Gen.Long[0, 1_000_000], Gen.Long[0, 100_000], Gen.Double[0, 10_000], Gen.Bool, Gen.Bool)
            .Select((v, i, wait, sched, read) => read
                ? new ProcessTimes { VoluntarySwitches = v, InvoluntarySwitches = i, RunQueueWaitMs = sched ? wait : null, SchedStatAbsent = sched ? null : "no schedstat" }
                : null);
        var closed = Gen.Select(Gen.Long[0, 100_000], Gen.Double[0.0001, 10], Gen.Double[0, 1000].Nullable(), Gen.Long[0, 100_000]).Select(
            (requests, seconds, cpu, timed) => new IterationResult
            {
                Requests = requests, Seconds = seconds, ServerCpuUsPerRequest = cpu,
                Latency = new LatencySummary { Count = timed, P99Us = 999 },
            });
        var open = Gen.Select(Gen.Long[0, 100_000], Gen.Double[0, 100_000]).Select(
            (timed, p99) => new IterationResult { Requests = timed, Seconds = 0.4, Latency = new LatencySummary { Count = timed, P99Us = p99 } });

        Gen.Select(closed, open, times).Sample((c, o, t) =>
        {
            var expected = OldValues(c, o, t);
            var actual = GateMetric.FromCatalog(AbServer.WithServerThreads(c, t), o);
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            Assert.All(expected, e => Assert.Equal(BitConverter.DoubleToInt64Bits(e.Value), BitConverter.DoubleToInt64Bits(actual[e.Key])));
        });
    }

    /// <summary>
    /// The gate's figures from a side's rounds as AbServer computed them before the catalog drove the
    /// gate: time, p99 and cpu through the catalog (NaN where a round has none); vcsw and ivcsw from
    /// the server's threads over the closed round's requests when they were read (NaN without a
    /// request), runq only where it is there.
    /// </summary>
    private static Dictionary<string, double> OldValues(IterationResult closed, IterationResult open, ProcessTimes? times)
    {
        var values = new Dictionary<string, double>
        {
            ["time"] = Metrics.Time.ValueOf(closed) ?? double.NaN,
            ["p99"] = Metrics.P99.ValueOf(open) ?? double.NaN,
            ["cpu"] = Metrics.ServerCpuPerRequest.ValueOf(closed) ?? double.NaN,
        };
        if (times is not null)
        {
            values["vcsw"] = PerRequestTimes.VoluntarySwitches(times, closed.Requests) ?? double.NaN;
            values["ivcsw"] = PerRequestTimes.InvoluntarySwitches(times, closed.Requests) ?? double.NaN;
            if (PerRequestTimes.RunQueueWaitUs(times, closed.Requests) is { } wait)
            {
                values["runq"] = wait;
            }
        }

        return values;
    }

    private static IterationResult Closed(long requests) => new()
    {
        Requests = requests, Seconds = 0.5, ServerCpuUsPerRequest = 12.5,
        Latency = new LatencySummary { Count = requests, P99Us = 9_999 },
    };

    private static IterationResult Open() => new() { Requests = 100, Seconds = 0.4, Latency = new LatencySummary { Count = 100, P99Us = 850 } };
}
