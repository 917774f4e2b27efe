namespace KEchoBench.Bench.RunEnvironment;

/// <summary>Where a run was made: enough to tell whether two runs can be compared.</summary>
internal sealed record EnvironmentInfo
{
    public string CpuModel { get; init; } = string.Empty;

    public int Cores { get; init; }

    public string Os { get; init; } = string.Empty;

    public string Kernel { get; init; } = string.Empty;

    public string DotNet { get; init; } = string.Empty;

    /// <summary>e.g. "workstation, non-concurrent".</summary>
    public string GcMode { get; init; } = string.Empty;

    public string MachineName { get; init; } = string.Empty;

    /// <summary>DOTNET_* variables in force.</summary>
    public IReadOnlyDictionary<string, string> DotNetVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>Kernel limits that spoil connection-heavy runs: somaxconn, tcp_max_syn_backlog, open-file limit.</summary>
    public IReadOnlyDictionary<string, string> Limits { get; init; } = new Dictionary<string, string>();
}
