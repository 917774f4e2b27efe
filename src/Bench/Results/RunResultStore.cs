using System.Text.Json;
using System.Text.Json.Serialization;

namespace KEchoBench.Bench.Results;

/// <summary>Reads and writes <see cref="RunResult"/> as indented JSON (camelCase), the contract between bench, report and compare.</summary>
internal static class RunResultStore
{
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write(RunResult run, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, RunResult.FileName), JsonSerializer.Serialize(run, JsonOptions));
    }

    /// <summary>Reads <c>run.json</c> from a results folder (or the file itself). Throws <see cref="InvalidDataException"/> with the path when it cannot.</summary>
    public static RunResult Read(string path)
    {
        string file = Directory.Exists(path) ? Path.Combine(path, RunResult.FileName) : path;
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"no {RunResult.FileName} in '{path}': is it a kechobench results folder?", file);
        }

        try
        {
            return JsonSerializer.Deserialize<RunResult>(File.ReadAllText(file), JsonOptions)
                ?? throw new InvalidDataException($"'{file}' is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{file}' is not a readable results file: {e.Message}", e);
        }
    }
}
