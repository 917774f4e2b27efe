using BenchmarkDotNet.Loggers;

namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>BenchmarkDotNet's log into the command's output writer (the console, or a test's buffer).</summary>
internal sealed class TextWriterLogger : ILogger
{
    private readonly TextWriter _writer;

    public TextWriterLogger(TextWriter writer) => _writer = writer;

    public string Id => nameof(TextWriterLogger);

    public int Priority => 0;

    public void Write(LogKind logKind, string text) => _writer.Write(text);

    public void WriteLine() => _writer.WriteLine();

    public void WriteLine(LogKind logKind, string text) => _writer.WriteLine(text);

    public void Flush() => _writer.Flush();
}
