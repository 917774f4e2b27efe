namespace KEchoBench.Bench.Processes;

/// <summary>Whether the load generator and the server under test share the host's CPUs or each get CPUs of their own.</summary>
internal enum PlacementMode
{
    /// <summary>Nothing pinned: the scheduler puts both anywhere on the CPUs this process may use.</summary>
    Shared,

    /// <summary>Disjoint CPUs: the generator on the first, the server on the rest.</summary>
    Split,
}
