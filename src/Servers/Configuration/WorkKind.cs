namespace KEchoBench.Servers.Configuration;

/// <summary>The kind of per-chunk work a server performs before it echoes.</summary>
public enum WorkKind
{
    /// <summary>Echo at once.</summary>
    None,

    /// <summary>Spin on the CPU for the duration.</summary>
    Cpu,

    /// <summary>Block the executing thread (sleep) for the duration.</summary>
    Block,
}
