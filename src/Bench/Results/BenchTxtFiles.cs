
namespace KEchoBench.Bench.Results;

/// <summary>
/// kecho bench.c's output for every burst case of a run: <c>&lt;scenario&gt;/&lt;engine&gt;/bench.txt</c>
/// in the results folder, one <c>index time_us</c> line per connection (its mean over the rounds),
/// so the study's gnuplot script plots it as it plotted bench.c's.
/// </summary>
internal static class BenchTxtFiles
{
    public const string FileName = "bench.txt";

    /// <summary>Where a case's file goes, relative to the results folder.</summary>
    public static string PathOf(CaseResult c) => Path.Combine(c.Scenario, Safe(c.Engine), FileName);

    /// <summary>Writes one file per case that has per-connection times; returns their paths relative to <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> Write(RunResult run, string folder)
    {
        var written = new List<string>();
        foreach (var c in run.Cases.Where(c => c.PerConnectionUs.Count > 0))
        {
            string relative = PathOf(c);
            BenchTxt.Write(c.PerConnectionUs, Path.Combine(folder, relative));
            written.Add(relative);
        }

        return written;
    }

    // external:HOST:PORT is a valid folder name on Linux, but not everywhere the folder may be copied to.
    private static string Safe(string engine) => string.Concat(engine.Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_'));
}
