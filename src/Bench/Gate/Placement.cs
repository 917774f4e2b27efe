using KEchoBench.Bench.Processes;

namespace KEchoBench.Bench.Gate;

/// <summary>
/// Which CPUs the load generator and the servers run on. With two CPUs or more the generator
/// gets the first and the servers the rest, so that the two never take each other's CPU.
/// </summary>
internal sealed record Placement(IReadOnlyList<int> LoadCpus, IReadOnlyList<int> ServerCpus, bool Pinned)
{
    /// <summary>Pins this process (the generator) when asked and possible; unpinned on one CPU.</summary>
    public static Placement Plan(bool pin)
    {
        var cpus = CpuAffinity.Allowed();
        if (!pin || cpus.Count < 2)
        {
            return new Placement(cpus, cpus, false);
        }

        var placement = new Placement([cpus[0]], cpus.Skip(1).ToArray(), true);
        return CpuAffinity.Pin(Environment.ProcessId, placement.LoadCpus) ? placement : new Placement(cpus, cpus, false);
    }

    /// <summary>Pins a server's threads (all of them, those started since the last call too).</summary>
    public void PinServer(int pid)
    {
        if (Pinned)
        {
            CpuAffinity.Pin(pid, ServerCpus);
        }
    }

    public override string ToString() => Pinned
        ? $"load generator on CPU {string.Join(",", LoadCpus)}, servers on CPU {string.Join(",", ServerCpus)}"
        : $"not pinned (CPUs {string.Join(",", LoadCpus)})";
}
