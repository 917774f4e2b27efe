using System.Text.Json;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Cli.LoadOutput;

/// <summary>Writes and reads <see cref="LoadDocument"/> with the results model's JSON conventions.</summary>
internal static class LoadDocumentStore
{
    public static void Write(LoadDocument document, string file)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(file, JsonSerializer.Serialize(document, RunResultStore.JsonOptions));
    }

    public static LoadDocument Read(string file) =>
        JsonSerializer.Deserialize<LoadDocument>(File.ReadAllText(file), RunResultStore.JsonOptions)
            ?? throw new InvalidDataException($"'{file}' is empty");
}
