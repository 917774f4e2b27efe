using KEchoBench.Bench.Benchmarks.Profiles;

namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>What <c>kechobench bench</c> was asked to do, after the command line was checked.</summary>
internal sealed record BenchRequest
{
    public required BenchProfile Profile { get; init; }

    /// <summary>The capacity searches' latency objective (<c>--slo</c>), in place of the profile's.</summary>
    public Capacity.ServiceLevelObjective? Objective { get; init; }

    /// <summary>Whole capacity searches per engine and connection count (<c>--capacity-searches</c>), in place of the profile's.</summary>
    public int? CapacitySearches { get; init; }

    /// <summary>The profile's capacity searches with <see cref="Objective"/> and <see cref="CapacitySearches"/> in place of its own; null when the profile searches none.</summary>
    public Capacity.CapacitySettings? Capacity => Profile.Capacity is { } settings
        ? settings with { Objective = Objective ?? settings.Objective, Repeats = CapacitySearches ?? settings.Repeats }
        : null;

    /// <summary>Scenario names to run (all by default).</summary>
    public required IReadOnlyList<string> Scenarios { get; init; }

    /// <summary>Engine parameter values: built-in names and/or <c>external:HOST:PORT</c>.</summary>
    public required IReadOnlyList<string> Engines { get; init; }

    /// <summary>External engine name (<c>external:HOST:PORT</c>) → its server's process id, for its CPU, threads and memory.</summary>
    public IReadOnlyDictionary<string, int> ServerPids { get; init; } = new Dictionary<string, int>();

    /// <summary>The folder of the built native yardsticks (<c>native:PROGRAM</c> engines); null: found as <see cref="Processes.NativeYardsticks.FindFolder"/> says.</summary>
    public string? YardstickFolder { get; init; }

    /// <summary>Split or shared CPUs for the generator and the servers it starts (<c>--placement</c>).</summary>
    public Processes.PlacementMode Placement { get; init; } = Processes.PlacementMode.Shared;

    /// <summary>Run each case's server on the cluster's server agent and its load on the load agents (an agent's HOST:PORT).</summary>
    public string? Cluster { get; init; }

    /// <summary>With <see cref="Cluster"/>: the file holding the cluster's secret (else KECHOBENCH_SECRET, inherited by the benchmark processes).</summary>
    public string? SecretFile { get; init; }

    /// <summary>Engine → extra per-chunk work (<c>--inject-work</c>); empty for a normal run.</summary>
    public IReadOnlyDictionary<string, string> InjectedWork { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether rounds read where their time went (false: <c>--no-attribution</c>).</summary>
    public bool Attribution { get; init; } = true;

    /// <summary>Where run folders are created (<c>results</c>).</summary>
    public string ResultsRoot { get; init; } = "results";

    /// <summary>
    /// Run the benchmarks in this process (BenchmarkDotNet's in-process toolchain) instead of
    /// building and starting a benchmark process: fast, for smoke tests. Servers still run in
    /// their own processes, so CPU attribution is unchanged; the load generator shares the host.
    /// </summary>
    public bool InProcess { get; init; }

    /// <summary>Stream BenchmarkDotNet's log to the output instead of the progress display (the log file is written either way).</summary>
    public bool Verbose { get; init; }

    /// <summary>Arguments for BenchmarkDotNet itself (--filter, --list flat, --exporters...).</summary>
    public IReadOnlyList<string> BenchmarkDotNetArguments { get; init; } = [];
}
