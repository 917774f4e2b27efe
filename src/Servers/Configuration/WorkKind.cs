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

    /// <summary>
    /// Wait (sleep, no CPU) for the duration while holding one lock shared by every connection of
    /// the server: a handler that keeps a lock across a blocking call, so connections queue behind it.
    /// </summary>
    Lock,

    /// <summary>
    /// Allocate this many bytes on the managed heap and let them go: a handler that allocates per
    /// request (garbage the collector must clear later), with next to no CPU of its own at the
    /// time. What the A/B gate's allocation metric is there to see.
    /// </summary>
    Alloc,
}
