using KEchoBench.Bench.Load;

namespace KEchoBench.Bench.Cli.LoadOutput;

/// <summary>One progress line at most every <c>interval</c>, for logs and CI.</summary>
internal sealed class PlainProgressDisplay(TextWriter output, TimeSpan interval) : ProgressDisplay
{
    public override Task<T> RunAsync<T>(Func<IProgress<LoadProgress>, Task<T>> run)
    {
        var last = System.Diagnostics.Stopwatch.StartNew();
        var progress = new Reporter(p =>
        {
            if (last.Elapsed >= interval)
            {
                last.Restart();
                lock (output)
                {
                    output.WriteLine(Line(p));
                }
            }
        });
        return run(progress);
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to a context and could print after the summary).</summary>
    private sealed class Reporter(Action<LoadProgress> report) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value) => report(value);
    }
}
