namespace KEchoBench.Bench.Benchmarks.Progress;

/// <summary>--verbose: BenchmarkDotNet's own log is the progress; nothing is added to it.</summary>
internal sealed class QuietBenchConsole : BenchConsole
{
    public override T Run<T>(Func<T> run) => run();

    public override void CaseStarted(CaseStep step)
    {
    }

    public override void CaseFinished(CaseStep step)
    {
    }
}
