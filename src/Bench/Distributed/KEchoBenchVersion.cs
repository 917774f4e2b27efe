using System.Reflection;

namespace KEchoBench.Bench.Distributed;

/// <summary>This program's version, as coordinator and agents compare it: the assembly's informational version (with the commit when the build knows it).</summary>
internal static class KEchoBenchVersion
{
    public static string Current { get; } =
        typeof(KEchoBenchVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(KEchoBenchVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
