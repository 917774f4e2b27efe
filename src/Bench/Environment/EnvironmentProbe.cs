using System.Runtime;
using System.Runtime.InteropServices;

// Not KEchoBench.Bench.Environment: that namespace would hide System.Environment from every KEchoBench.Bench.* file.
namespace KEchoBench.Bench.RunEnvironment;

/// <summary>Captures where a run is made: CPU, cores, OS, kernel, .NET, GC mode, DOTNET_* variables and the kernel limits that spoil connection-heavy runs.</summary>
internal static class EnvironmentProbe
{
    public static EnvironmentInfo Capture() => new()
    {
        CpuModel = CpuModel(),
        Cores = Environment.ProcessorCount,
        Os = OsName(),
        Kernel = ReadTrimmed("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.VersionString,
        DotNet = RuntimeInformation.FrameworkDescription,
        GcMode = $"{(GCSettings.IsServerGC ? "server" : "workstation")}, {(GCSettings.LatencyMode == GCLatencyMode.Batch ? "non-concurrent" : "concurrent")}",
        MachineName = Environment.MachineName,
        DotNetVariables = Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .Select(e => (Key: e.Key.ToString() ?? string.Empty, Value: e.Value?.ToString() ?? string.Empty))
            .Where(e => e.Key.StartsWith("DOTNET_", StringComparison.Ordinal))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(e => e.Key, e => e.Value),
        Limits = Limits(),
    };

    private static Dictionary<string, string> Limits()
    {
        var limits = new Dictionary<string, string>();
        Add("somaxconn", "/proc/sys/net/core/somaxconn");
        Add("tcp_max_syn_backlog", "/proc/sys/net/ipv4/tcp_max_syn_backlog");
        Add("ip_local_port_range", "/proc/sys/net/ipv4/ip_local_port_range");
        var (soft, hard) = OpenFileLimit.Get();
        limits["open_files_soft"] = Format(soft);
        limits["open_files_hard"] = Format(hard);
        return limits;

        void Add(string name, string path)
        {
            if (ReadTrimmed(path) is { } value)
            {
                limits[name] = value.Replace('\t', ' ');
            }
        }

        static string Format(ulong value) => value == ulong.MaxValue ? "unlimited" : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string CpuModel()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal) || line.StartsWith("Model", StringComparison.Ordinal))
                {
                    int colon = line.IndexOf(':');
                    if (colon > 0)
                    {
                        return line[(colon + 1)..].Trim();
                    }
                }
            }
        }
        catch (IOException)
        {
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string OsName()
    {
        try
        {
            foreach (string line in File.ReadLines("/etc/os-release"))
            {
                if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
                {
                    return line["PRETTY_NAME=".Length..].Trim('"');
                }
            }
        }
        catch (IOException)
        {
        }

        return RuntimeInformation.OSDescription;
    }

    private static string? ReadTrimmed(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
