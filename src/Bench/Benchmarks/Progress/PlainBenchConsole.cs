namespace KEchoBench.Bench.Benchmarks.Progress;

/// <summary>One line per finished case, for CI logs, pipes and files: no escape codes, no redrawing.</summary>
internal sealed class PlainBenchConsole(TextWriter output) : BenchConsole
{
    public override T Run<T>(Func<T> run) => run();

    public override void CaseStarted(CaseStep step)
    {
    }

    public override void CaseFinished(CaseStep step)
    {
        output.WriteLine(FinishedLine(step));
        output.Flush();
    }
}
