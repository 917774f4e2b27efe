using KEchoBench.Servers.Engines;

namespace KEchoBench.Bench.Processes;

/// <summary>
/// The native servers of scripts/yardsticks as engines (<c>bench --yardsticks</c>,
/// <c>--engines native:PROGRAM</c>): where the built programs are, which one is each engine's
/// model (the engine's registration names it), and how one is started. The programs are C, built
/// by <c>make</c>; kechobench never compiles them itself, it says what to run when one is missing.
/// </summary>
internal static class NativeYardsticks
{
    public const string Prefix = "native:";

    /// <summary>The form, for help and errors.</summary>
    public const string Syntax = Prefix + "PROGRAM";

    /// <summary>A folder holding the built programs, in place of the clone's scripts/yardsticks.</summary>
    public const string FolderVariable = "KECHOBENCH_YARDSTICKS";

    /// <summary>Where the programs live in a clone.</summary>
    public static readonly string RelativeFolder = Path.Combine("scripts", "yardsticks");

    public static bool IsNative(string engine) => engine.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>A bare file name: letters, digits, '_', '-' and '.', never a path.</summary>
    public static bool IsProgramName(string program) =>
        program.Length > 0 && program is not ("." or "..") && program.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    /// <summary>
    /// The yardsticks folder: <see cref="FolderVariable"/> when set, else scripts/yardsticks of the
    /// clone this kechobench was built in (searched upwards from its assembly); null for an
    /// installed tool with no clone around it.
    /// </summary>
    public static string? FindFolder()
    {
        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } named)
        {
            return Path.GetFullPath(named);
        }

        string? start = Path.GetDirectoryName(typeof(NativeYardsticks).Assembly.Location);
        for (var folder = start is null ? null : new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, RelativeFolder);
            if (File.Exists(Path.Combine(candidate, "Makefile")))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The native engine of each built-in engine here that has one, in the engines' order, once each.</summary>
    public static IReadOnlyList<string> For(IEnumerable<string> engines) =>
        [.. engines
            .Select(e => EngineRegistry.TryGet(e, out var descriptor) ? descriptor.Yardstick : null)
            .OfType<NativeYardstick>()
            .Select(y => Prefix + y.Program)
            .Distinct(StringComparer.Ordinal)];

    /// <summary>The built-in engine whose model this program is (null: none names it).</summary>
    public static EngineDescriptor? ModelOf(string program) =>
        EngineRegistry.All.FirstOrDefault(d => d.Yardstick?.Program == program);

    /// <summary>The programs of these engines that are not built in <paramref name="folder"/> (no executable file there).</summary>
    public static IReadOnlyList<string> Missing(string folder, IEnumerable<string> engines) =>
        [.. engines.Where(IsNative)
            .Select(e => e[Prefix.Length..])
            .Where(program => !IsExecutable(Path.Combine(folder, program)))];

    /// <summary>The command that builds the programs, for the message that asks for it.</summary>
    public static string BuildCommand(string folder) => $"make -C {folder}";

    /// <summary>The program's command line: an ephemeral loopback port, the case's backlog, and its model's thread count.</summary>
    public static IReadOnlyList<string> Arguments(string program, int backlog)
    {
        var arguments = new List<string> { "--port", "0", "--backlog", backlog.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (ModelOf(program)?.Yardstick?.Workers is { } workers)
        {
            arguments.AddRange(["--workers", workers().ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        return arguments;
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
