namespace KEchoBench.Bench.Processes;

/// <summary>
/// Finds how to start this same kechobench program again: the apphost when we run as one, else
/// <c>dotnet kechobench.dll</c> (under <c>dotnet kechobench.dll</c>, or inside a test host).
/// </summary>
internal static class ServerLauncher
{
    public static (string FileName, IReadOnlyList<string> Prefix) Locate()
    {
        string dll = typeof(ServerLauncher).Assembly.Location;
        string? processPath = Environment.ProcessPath;
        if (processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "kechobench")
        {
            return (processPath, []);
        }

        return (DotnetHost(), [dll]);
    }

    /// <summary>The <c>dotnet</c> host that runs us (or the one the SDK names), to run any kechobench dll with.</summary>
    public static string DotnetHost()
    {
        string? processPath = Environment.ProcessPath;
        return processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet"
            ? processPath
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }
}
