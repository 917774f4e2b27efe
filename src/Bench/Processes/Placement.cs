using System.Diagnostics.CodeAnalysis;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Processes;

/// <summary>
/// Which CPUs the load generator and the servers under test run on, for every command that runs
/// both on one host (<c>load --spawn</c>, <c>bench</c>, <c>ab</c>). Split: the generator gets the
/// first CPU this process may use and the servers the rest, so the two never take each other's
/// CPU; shared: nothing is pinned. Deciding and pinning are apart because a bench case pins the
/// benchmark process that the host's decision is handed to, and a process already pinned would
/// otherwise see only its own CPU when it decides again.
/// </summary>
internal sealed record Placement(PlacementMode Mode, IReadOnlyList<int> LoadCpus, IReadOnlyList<int> ServerCpus)
{
    /// <summary>The values <c>--placement</c> takes, as the help and the errors name them.</summary>
    public const string Names = "split, shared";

    public bool Pinned => Mode == PlacementMode.Split;

    public static bool TryParse(string text, out PlacementMode mode)
    {
        mode = PlacementMode.Shared;
        return !int.TryParse(text, out _) && Enum.TryParse(text, ignoreCase: true, out mode) && Enum.IsDefined(mode);
    }

    /// <summary>The placement on <paramref name="cpus"/>; null when a split was asked for with fewer than two CPUs (no split is possible).</summary>
    public static Placement? Decide(PlacementMode mode, IReadOnlyList<int> cpus)
    {
        ArgumentNullException.ThrowIfNull(cpus);
        if (mode == PlacementMode.Shared)
        {
            return new Placement(PlacementMode.Shared, cpus, cpus);
        }

        return cpus.Count < 2 ? null : new Placement(PlacementMode.Split, [cpus[0]], [.. cpus.Skip(1)]);
    }

    /// <summary>The placement on the CPUs this process may use now, with the reason when it cannot be had.</summary>
    public static bool TryDecide(PlacementMode mode, [NotNullWhen(true)] out Placement? placement, out string error)
    {
        var cpus = CpuAffinity.Allowed();
        placement = Decide(mode, cpus);
        error = placement is null ? $"--placement split needs at least 2 CPUs; this process may use {cpus.Count} ({string.Join(",", cpus)}): use --placement shared" : string.Empty;
        return placement is not null;
    }

    /// <summary>Pins this process (the generator: every thread it has, and so every thread it creates) when split; false when that failed.</summary>
    public bool PinGenerator() => !Pinned || CpuAffinity.Pin(Environment.ProcessId, LoadCpus);

    /// <summary>Pins a server's threads (all of them, those started since the last call too) when split; false when that failed.</summary>
    public bool PinServer(int pid) => !Pinned || CpuAffinity.Pin(pid, ServerCpus);

    /// <summary>As run.json records it.</summary>
    public RunPlacement ToRecord() => new(Mode.ToString().ToLowerInvariant(), LoadCpus, ServerCpus);

    public override string ToString() => Pinned
        ? $"placement split: load generator on CPU {string.Join(",", LoadCpus)}, servers on CPU {string.Join(",", ServerCpus)}"
        : $"placement shared: nothing pinned (CPUs {string.Join(",", LoadCpus)})";
}
