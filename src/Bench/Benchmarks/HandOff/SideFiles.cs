using System.Text.Json;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.HandOff;

/// <summary>
/// The channel from a benchmark process to the host: each process writes what its case measured
/// to a file named by its process id; the host's diagnoser reads it when the process is done
/// (BenchmarkDotNet 0.15.8 offers no in-process diagnoser to carry custom figures otherwise).
/// </summary>
internal static class SideFiles
{
    public static JsonSerializerOptions JsonOptions => RunResultStore.JsonOptions;

    public static string PathFor(string directory, int processId) => Path.Combine(directory, $"case-{processId}.json");

    public static void Write(string directory, int processId, CaseResult result)
    {
        Directory.CreateDirectory(directory);
        string path = PathFor(directory, processId);

        // Write then rename, so the host never reads half a file.
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(result, JsonOptions));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads and removes the side file of <paramref name="processId"/>; null when there is none.</summary>
    public static CaseResult? Take(string directory, int processId)
    {
        string path = PathFor(directory, processId);
        if (!File.Exists(path))
        {
            return null;
        }

        var result = JsonSerializer.Deserialize<CaseResult>(File.ReadAllText(path), JsonOptions);
        File.Delete(path);
        return result;
    }
}
