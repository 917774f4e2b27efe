using System.Globalization;

namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>
/// <c>results/&lt;yyyyMMdd-HHmmss&gt;-&lt;profile&gt;/</c>, one per run, and <c>results/latest</c>,
/// a symbolic link to the newest one (what <c>report</c> and <c>compare</c> read by default).
/// </summary>
internal static class ResultsFolder
{
    public const string LatestName = "latest";

    /// <summary>Creates a fresh folder for a run started at <paramref name="started"/> (UTC); never reuses one.</summary>
    public static string Create(string root, string profile, DateTimeOffset started)
    {
        string stamp = started.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        string path = Path.GetFullPath(Path.Combine(root, $"{stamp}-{profile}"));
        for (int n = 2; Directory.Exists(path); n++)
        {
            path = Path.GetFullPath(Path.Combine(root, $"{stamp}-{profile}-{n}"));
        }

        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Points <c>ROOT/latest</c> at <paramref name="runFolder"/> (a relative link, so the tree can move).</summary>
    public static void PointLatestAt(string root, string runFolder)
    {
        string link = Path.Combine(root, LatestName);
        var existing = new FileInfo(link);
        if (existing.LinkTarget is not null || existing.Exists)
        {
            existing.Delete();
        }
        else if (Directory.Exists(link))
        {
            // A real folder named 'latest' is someone's data: leave it and say nothing breaks.
            return;
        }

        File.CreateSymbolicLink(link, Path.GetFileName(runFolder));
    }
}
