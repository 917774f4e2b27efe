using System.CommandLine;
using System.Globalization;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// Checks that run where an option is parsed, so that a value out of range or a path that cannot
/// be written is refused with the option's name and the reason (exit 2) before anything runs or
/// any object is built from it (a port of 65536 used to reach IPEndPoint and end in its exception).
/// </summary>
internal static class OptionRules
{
    /// <summary>An integer option must lie between <paramref name="min"/> and <paramref name="max"/>, inclusive.</summary>
    public static void Range(Option<int> option, int min, int max, string? note = null) =>
        option.Validators.Add(result =>
        {
            int value = result.GetValueOrDefault<int>();
            if (value < min || value > max)
            {
                result.AddError(OutOfRange(option.Name, value, min, max, note));
            }
        });

    /// <inheritdoc cref="Range(Option{int}, int, int, string?)"/>
    public static void Range(Option<int?> option, int min, int max, string? note = null) =>
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } value && (value < min || value > max))
            {
                result.AddError(OutOfRange(option.Name, value, min, max, note));
            }
        });

    /// <summary>A path the command will write a file to: it must be writable now, not after the run.</summary>
    public static void WritableFile(Option<FileInfo?> option) =>
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<FileInfo?>() is { } file && WritablePath.Problem(file.FullName, folder: false) is { } problem)
            {
                result.AddError($"{option.Name} '{file.FullName}': cannot be written: {problem}");
            }
        });

    /// <inheritdoc cref="WritableFile(Option{FileInfo?})"/>
    public static void WritableFile(Option<string?> option) =>
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } path && WritablePath.Problem(path, folder: false) is { } problem)
            {
                result.AddError($"{option.Name} '{path}': cannot be written: {problem}");
            }
        });

    /// <summary>A folder the command will create files in (creating it if need be).</summary>
    public static void WritableFolder(Option<string> option) =>
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } path && WritablePath.Problem(path, folder: true) is { } problem)
            {
                result.AddError($"{option.Name} '{path}': cannot be written: {problem}");
            }
        });

    private static string OutOfRange(string name, int value, int min, int max, string? note)
    {
        string range = max == int.MaxValue ? $"at least {min}" : $"between {min} and {max}";
        return string.Create(CultureInfo.InvariantCulture, $"{name} {value}: must be {range}{(note is null ? string.Empty : $" ({note})")}");
    }
}
