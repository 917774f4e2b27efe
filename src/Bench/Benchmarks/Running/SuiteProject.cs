namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>
/// Finds <c>src/Bench/KEchoBench.Bench.csproj</c>, the project BenchmarkDotNet's generated
/// benchmark project must reference. BenchmarkDotNet looks for a project named after the
/// assembly (<c>kechobench.csproj</c>), which does not exist here.
/// </summary>
public static class SuiteProject
{
    public const string FileName = "KEchoBench.Bench.csproj";

    /// <summary>The project file, searched upwards from the running assembly and from the current directory; null when neither is inside the source tree.</summary>
    public static FileInfo? Find()
    {
        string? assemblyFolder = Path.GetDirectoryName(typeof(SuiteProject).Assembly.Location);
        foreach (string? start in new[] { assemblyFolder, Directory.GetCurrentDirectory() })
        {
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
        }

        return null;
    }
}
