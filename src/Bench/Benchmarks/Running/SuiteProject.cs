namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>
/// Finds <c>src/Bench/KEchoBench.Bench.csproj</c>, the project BenchmarkDotNet's generated
/// benchmark project must reference. BenchmarkDotNet looks for a project named after the
/// assembly (<c>kechobench.csproj</c>), which does not exist here.
/// </summary>
internal static class SuiteProject
{
    public const string FileName = "KEchoBench.Bench.csproj";

    /// <summary>
    /// The project file, searched upwards from the running assembly (bin/ of the source tree, or a
    /// test's bin/); null for an installed tool. Not searched from the current directory: an
    /// installed kechobench run inside some clone would build and measure that clone's code, not its own.
    /// </summary>
    public static FileInfo? Find()
    {
        string? start = Path.GetDirectoryName(typeof(SuiteProject).Assembly.Location);
        for (var folder = start is null ? null : new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            foreach (string candidate in new[] { Path.Combine(folder.FullName, FileName), Path.Combine(folder.FullName, "src", "Bench", FileName) })
            {
                if (File.Exists(candidate))
                {
                    return new FileInfo(candidate);
                }
            }
        }

        return null;
    }
}
