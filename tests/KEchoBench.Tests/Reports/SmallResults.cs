namespace KEchoBench.Tests.Reports;

/// <summary>The committed synthetic results folder (Fixtures/results-small), copied into a fresh temp folder per use.</summary>
internal static class SmallResults
{
    public static string FixtureDirectory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "results-small");

    /// <summary>A private copy of the fixture folder, so a report written into it never touches the committed one.</summary>
    public static string CopyToTemp()
    {
        string directory = Path.Combine(Path.GetTempPath(), "kechobench-report-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        foreach (string file in Directory.GetFiles(FixtureDirectory))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }

        return directory;
    }
}
