using KEchoBench.Bench.Distributed;
using KEchoBench.Bench.Load;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// What one <c>kechobench load --cluster</c> run has started and measured so far, kept outside the
/// steps of <see cref="DistributedLoadRunner"/> so that what was started is stopped and what was
/// measured is reported whichever step failed.
/// </summary>
internal sealed class ClusterLoadRun(LoadSettings settings)
{
    /// <summary>The settings, their target the spawned server's once it runs.</summary>
    public LoadSettings Settings { get; set; } = settings;

    public ClusterCoordinator? Cluster { get; set; }

    public RemoteServer? Server { get; set; }

    public DistributedLoad? Load { get; set; }

    public LoadReport? Report { get; set; }

    /// <summary>The cluster's failure, said after what was measured; null when there was none.</summary>
    public string? Failure { get; set; }

    public int FailureCode { get; set; } = ExitCodes.Failure;

    /// <summary>Where each part ran: this process, the server, the load agents.</summary>
    public List<PlacementEntry> Placement { get; } = [];
}
