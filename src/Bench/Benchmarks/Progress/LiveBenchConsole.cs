using KEchoBench.Bench.Terminal;
using Spectre.Console;

namespace KEchoBench.Bench.Benchmarks.Progress;

/// <summary>
/// A Spectre.Console progress display on a terminal: the case running now with the run's bar,
/// elapsed time (Spectre's column, counting since the run began) and estimated time left, and a
/// line that stays for every finished case.
/// </summary>
internal sealed class LiveBenchConsole(TextWriter output) : BenchConsole
{
    private readonly IAnsiConsole _console = TerminalOutput.For(output);
    private ProgressTask? _task;

    public override T Run<T>(Func<T> run)
    {
        T result = default!;
        _console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                _task = context.AddTask("building the benchmarks", maxValue: 1);
                result = run();
                _task.Value = _task.MaxValue;
            });
        return result;
    }

    public override void CaseStarted(CaseStep step) => Update(step);

    public override void CaseFinished(CaseStep step)
    {
        // Above the live lines, so the finished cases stay on screen as a log.
        _console.MarkupLine(Markup.Escape(FinishedLine(step)));
        Update(step);
    }

    private void Update(CaseStep step)
    {
        if (_task is null)
        {
            return;
        }

        _task.MaxValue = Math.Max(step.Total, 1);
        _task.Value = step.Finished is null ? step.Index - 1 : step.Index;
        _task.Description = Markup.Escape($"{Title(step)} · {Status(step, elapsed: false)}");
    }
}
