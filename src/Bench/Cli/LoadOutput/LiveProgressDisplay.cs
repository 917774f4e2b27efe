using Spectre.Console;
using KEchoBench.Bench.Load;

namespace KEchoBench.Bench.Cli.LoadOutput;

/// <summary>A live Spectre.Console progress bar: requests (or seconds, for timed rounds) against what is planned.</summary>
internal sealed class LiveProgressDisplay : ProgressDisplay
{
    public override async Task<T> RunAsync<T>(Func<IProgress<LoadProgress>, Task<T>> run)
    {
        T result = default!;
        await Terminal.TerminalOutput.For(Console.Out).Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("connecting", maxValue: 1);
                var progress = new Reporter(p =>
                {
                    task.Description = Markup.Escape(Line(p));
                    if (p.Planned is { } planned)
                    {
                        task.MaxValue = Math.Max(planned.TotalSeconds, 0.001);
                        task.Value = Math.Min(p.Elapsed.TotalSeconds, task.MaxValue);
                    }
                    else if (p.Expected > 0)
                    {
                        task.MaxValue = p.Expected;
                        task.Value = Math.Min(p.Completed, p.Expected);
                    }
                });
                result = await run(progress).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return result;
    }

    private sealed class Reporter(Action<LoadProgress> report) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value) => report(value);
    }
}
