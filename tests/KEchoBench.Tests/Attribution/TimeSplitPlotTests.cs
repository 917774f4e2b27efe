using KEchoBench.Bench.Reports;
using KEchoBench.Bench.Results;
using KEchoBench.Tests.Reports;
using ScottPlot.Plottables;
using Xunit;

namespace KEchoBench.Tests.Attribution;

public sealed class TimeSplitPlotTests
{
    // 1000 thread-ms: 100 running, 50 waiting, 850 blocked.
    private static readonly ProcessTimes Parked = new() { RunningMs = 100, RunQueueWaitMs = 50, BlockedMs = 850, ThreadMs = 1000, ThreadsStarted = 1000 };

    // Sampling put running and waiting (130 ms) a little above the thread time (120 ms): blocked is 0, the total 130.
    private static readonly ProcessTimes Busy = new() { RunningMs = 90, RunQueueWaitMs = 40, BlockedMs = 0, ThreadMs = 120, ThreadsStarted = 2 };

    [Fact]
    public void Each_engines_bar_stacks_running_waiting_and_blocked_to_its_whole_thread_time()
    {
        var scenario = Scenario(("thread", Parked), ("cmwq", Busy));

        var plot = Assert.Single(TimeSplitPlot.For(scenario));

        Assert.Equal("burst-time", plot.Stem);
        var bars = plot.Plot.GetPlottables().OfType<BarPlot>().SelectMany(b => b.Bars).ToList();
        foreach (var (position, times) in new[] { (0.0, Parked), (1.0, Busy) })
        {
            var stack = bars.Where(b => b.Position == position).OrderBy(b => b.ValueBase).ToList();
            Assert.Equal(3, stack.Count);
            Assert.Equal(0, stack[0].ValueBase);
            Assert.Equal(stack[0].Value, stack[1].ValueBase, 9);
            Assert.Equal(stack[1].Value, stack[2].ValueBase, 9);
            Assert.Equal(100, stack[2].Value, 9);
            var split = ServerTimeSplit.Of(times)!;
            Assert.Equal(split.TotalMs, split.RunningMs + split.WaitingMs + split.BlockedMs, 9);
            Assert.Equal(100 * times.RunningMs!.Value / split.TotalMs, stack[0].Value - stack[0].ValueBase, 9);
            Assert.Equal(100 * times.RunQueueWaitMs!.Value / split.TotalMs, stack[1].Value - stack[1].ValueBase, 9);
        }

        Assert.Equal(1000, ServerTimeSplit.Of(Parked)!.TotalMs, 9);
        Assert.Equal(130, ServerTimeSplit.Of(Busy)!.TotalMs, 9);
        Assert.Contains("thread 10 % running, 5.0 % waiting of 1.0 thread-s, 1,000 threads started; cmwq 69 % running, 31 % waiting of 0.1 thread-s, 2 threads started", plot.Caption);
    }

    [Fact]
    public void Without_the_scheduler_times_there_is_no_chart()
    {
        var scenario = Scenario(("thread", new ProcessTimes { SchedStatAbsent = "no schedstat", ThreadMs = 1000 }));

        Assert.Empty(TimeSplitPlot.For(scenario));
    }

    [Fact]
    public void The_report_writes_the_chart_and_shows_it_with_its_line_in_the_html()
    {
        var run = CraftedRuns.Run("quick", WithServer(CraftedRuns.Case("burst", "thread", 1000, 10, 20, rounds: 1), Parked));
        string directory = Path.Combine(Path.GetTempPath(), "kechobench-time-" + Guid.NewGuid().ToString("N"));
        try
        {
            var written = ReportWriter.Write(run, directory);

            Assert.Contains(Path.Combine(directory, "burst-time.png"), written);
            Assert.Contains(Path.Combine(directory, "burst-time.svg"), written);
            string html = File.ReadAllText(Path.Combine(directory, HtmlReport.FileName));
            Assert.Contains("id=\"plot-burst-time\"", html);
            Assert.Contains("Server thread time at 1000 clients", html);
            Assert.Contains("id=\"table-time-burst\"", html);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static ScenarioData Scenario(params (string Engine, ProcessTimes Server)[] engines) =>
        ScenarioData.From(CraftedRuns.Run("quick", [.. engines.Select(e => WithServer(CraftedRuns.Case("burst", e.Engine, 1000, 10, 20, rounds: 1), e.Server))]))[0];

    private static CaseResult WithServer(CaseResult @case, ProcessTimes server)
    {
        var attribution = new RoundAttribution { Server = server };
        return @case with
        {
            Iterations = [.. @case.Iterations.Select(i => i with { Attribution = attribution })],
            Overall = @case.Overall! with { Attribution = attribution },
        };
    }
}
