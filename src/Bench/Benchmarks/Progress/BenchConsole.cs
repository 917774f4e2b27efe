using System.Globalization;
using KEchoBench.Bench.Terminal;

namespace KEchoBench.Bench.Benchmarks.Progress;

/// <summary>
/// What bench shows while BenchmarkDotNet runs: a live progress display on a terminal, one plain
/// line per finished case otherwise (CI, a pipe, a file), and nothing of its own with --verbose,
/// where BenchmarkDotNet's log streams instead.
/// </summary>
internal abstract class BenchConsole
{
    public static BenchConsole For(TextWriter output, bool verbose) =>
        verbose ? new QuietBenchConsole()
        : TerminalOutput.IsLive(output) ? new LiveBenchConsole(output)
        : new PlainBenchConsole(output);

    /// <summary>Runs the whole BenchmarkDotNet run inside the display.</summary>
    public abstract T Run<T>(Func<T> run);

    public abstract void CaseStarted(CaseStep step);

    public abstract void CaseFinished(CaseStep step);

    /// <summary>"case 3/12 cpu engine=cmwq Clients=10".</summary>
    public static string Title(CaseStep step) => $"case {step.Index}/{step.Total} {step.Case}";

    /// <summary>"elapsed 1:02, about 0:40 left, 0 errors so far" (without the elapsed time where a column shows it).</summary>
    public static string Status(CaseStep step, bool elapsed = true)
    {
        var parts = new List<string>();
        if (elapsed)
        {
            parts.Add($"elapsed {Clock(step.Elapsed)}");
        }

        if (step.Left is { } left)
        {
            parts.Add($"about {Clock(left)} left");
        }

        parts.Add($"{step.Errors.ToString("N0", CultureInfo.InvariantCulture)} errors so far");
        if (step.FailedCases > 0)
        {
            parts.Add($"{step.FailedCases} case(s) without result");
        }

        return string.Join(", ", parts);
    }

    /// <summary>"case 3/12 cpu engine=cmwq Clients=10: 14.2 s, 0 errors (elapsed 0:45, about 2:15 left, 0 errors so far)".</summary>
    public static string FinishedLine(CaseStep step)
    {
        var done = step.Finished!;
        string outcome = done.Measured ? string.Empty : ", NO RESULT";
        return $"{Title(step)}: {done.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s, {done.Errors.ToString("N0", CultureInfo.InvariantCulture)} errors{outcome} ({Status(step)})";
    }

    private static string Clock(TimeSpan t) =>
        t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
