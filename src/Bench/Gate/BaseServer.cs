namespace KEchoBench.Bench.Gate;

/// <summary>
/// How to start the base build's server: <c>--base-server PATH</c> is another build's
/// <c>kechobench</c> (apphost), its <c>kechobench.dll</c> (run with dotnet), or any executable
/// that takes <c>serve --engine ENGINE --port 0 [--work WORK]</c> and prints the ready line
/// <c>listening on ADDR:PORT ...</c>.
/// </summary>
internal sealed record BaseServer(string FileName, IReadOnlyList<string> Prefix)
{
    public static bool TryParse(string? path, out BaseServer? server, out string error)
    {
        server = null;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(path))
        {
            error = "--base-server: give the base build's kechobench, its kechobench.dll, or a command that starts a server";
            return false;
        }

        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            error = $"--base-server '{path}': no such file; give the base build's kechobench, its kechobench.dll, or an executable server command";
            return false;
        }

        if (full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            server = new BaseServer(Processes.ServerLauncher.DotnetHost(), [full]);
            return true;
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(full) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
        {
            error = $"--base-server '{path}': not executable (and not a .dll)";
            return false;
        }

        server = new BaseServer(full, []);
        return true;
    }

    public override string ToString() => string.Join(' ', Prefix.Prepend(FileName));
}
