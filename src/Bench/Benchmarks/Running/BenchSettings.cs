using System.Text.Json;
using KEchoBench.Bench.Benchmarks.Profiles;
using KEchoBench.Bench.Benchmarks.HandOff;

namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>
/// What the host decided for this run, shared with the benchmark processes BenchmarkDotNet starts.
/// The host writes it to a file and names the file in an environment variable, which every
/// benchmark process inherits (and which the in-process toolchain simply shares).
/// </summary>
internal sealed record BenchSettings
{
    public const string EnvironmentVariable = "KECHOBENCH_BENCH_SETTINGS";

    private static BenchSettings? s_current;

    public required BenchProfile Profile { get; init; }

    /// <summary>Engine parameter values: built-in names and/or <c>external:HOST:PORT</c>.</summary>
    public IReadOnlyList<string> Engines { get; init; } = [];

    /// <summary>External engine name (<c>external:HOST:PORT</c>) → its server's process id, for its CPU, threads and memory.</summary>
    public IReadOnlyDictionary<string, int> ServerPids { get; init; } = new Dictionary<string, int>();

    /// <summary>The CPUs the host chose for the generator (each benchmark process) and the servers it starts.</summary>
    public Processes.Placement? Placement { get; init; }

    /// <summary>The cluster each benchmark process joins as the coordinator of its case (null: everything on this host).</summary>
    public string? Cluster { get; init; }

    /// <summary>The file holding the cluster's secret (its path only: the secret itself is never written here).</summary>
    public string? SecretFile { get; init; }

    /// <summary>Engine → extra per-chunk work added to every scenario's own on that engine's servers.</summary>
    public IReadOnlyDictionary<string, string> InjectedWork { get; init; } = new Dictionary<string, string>();

    /// <summary>The folder of the built native yardsticks, for <c>native:PROGRAM</c> engines (null: none asked for).</summary>
    public string? YardstickFolder { get; init; }

    /// <summary>Whether rounds read where their time went (false: <c>--no-attribution</c>).</summary>
    public bool Attribution { get; init; } = true;

    /// <summary>Where benchmark processes leave their per-case side files for the host's diagnoser.</summary>
    public required string SideDirectory { get; init; }

    /// <summary>
    /// The settings of this run. In the host, set by <see cref="Install"/>; in a benchmark process,
    /// read from the file named by <see cref="EnvironmentVariable"/>.
    /// </summary>
    public static BenchSettings Current => s_current ??= Load();

    /// <summary>Makes these the current settings here and in every process started from now on.</summary>
    public void Install()
    {
        Directory.CreateDirectory(SideDirectory);
        string file = Path.Combine(SideDirectory, "settings.json");
        File.WriteAllText(file, JsonSerializer.Serialize(this, SideFiles.JsonOptions));
        System.Environment.SetEnvironmentVariable(EnvironmentVariable, file);
        s_current = this;
    }

    private static BenchSettings Load()
    {
        string? file = System.Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrEmpty(file) || !File.Exists(file))
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} does not name a settings file: the benchmarks run only under 'kechobench bench'.");
        }

        return JsonSerializer.Deserialize<BenchSettings>(File.ReadAllText(file), SideFiles.JsonOptions)
            ?? throw new InvalidDataException($"'{file}' is empty");
    }
}
