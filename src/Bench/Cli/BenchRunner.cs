using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.ConsoleArguments;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains;
using KEchoBench.Bench.Benchmarks.Progress;
using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Benchmarks.Scenarios;
using KEchoBench.Bench.Processes;
using KEchoBench.Bench.RunEnvironment;
using KEchoBench.Bench.Results;
using KEchoBench.Servers.Configuration;
using KEchoBench.Bench.Benchmarks.HandOff;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// What <c>kechobench bench</c> does once its options are read. Runs the suite: one BenchmarkDotNet run over every selected scenario × engine × load point,
/// then writes the results folder (BenchmarkDotNet exports, environment, run.json, bench.txt
/// for burst cases), points results/latest at it, and hands it to the finishers (report, compare,
/// wired in <see cref="RunFinishers"/>): the report is the one writer of summary.md. Says how it
/// went on the console and with the exit code.
/// </summary>
internal sealed class BenchRunner
{
    public const string EnvironmentFileName = "environment.json";
    public const string ExportsFolderName = "bdn";

    private readonly TextWriter _output;
    private readonly TextWriter _error;

    public BenchRunner(TextWriter output, TextWriter error)
    {
        _output = output;
        _error = error;
    }

    /// <summary>The folder the last <see cref="RunAsync"/> wrote (null for a listing).</summary>
    public string? ResultsFolderPath { get; private set; }

    public async Task<int> RunAsync(BenchRequest request, IReadOnlyList<IRunFinisher> finishers, CancellationToken cancellation)
    {
        var types = request.Scenarios.Select(s => ScenarioTypes.TypeOf(s)!).ToArray();
        string[] bdnArguments = WithDefaultFilter(request.BenchmarkDotNetArguments);

        // BenchmarkDotNet's own arguments are checked before anything is created: on a bad one it
        // prints why (to the log) and would otherwise run nothing and say nothing.
        var (accepted, _, _) = ConfigParser.Parse(bdnArguments, new TextWriterLogger(_error));
        if (!accepted)
        {
            await _error.WriteLineAsync($"kechobench bench: BenchmarkDotNet did not accept the arguments '{string.Join(" ", request.BenchmarkDotNetArguments)}' (see above)").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var (toolchain, buildFolder) = await ToolchainAsync(request).ConfigureAwait(false);

        if (IsListing(bdnArguments))
        {
            return List(request, types, bdnArguments, toolchain, buildFolder);
        }

        if (!Placement.TryDecide(request.Placement, out var placement, out string placementError))
        {
            await _error.WriteLineAsync("kechobench bench: " + placementError).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var (refused, runnable, leftOut, yardsticks) = await ChooseEnginesAsync(request).ConfigureAwait(false);
        if (refused is { } code)
        {
            return code;
        }

        request = request with { Engines = runnable, YardstickFolder = yardsticks };
        return await RunSuiteAsync(request, types, bdnArguments, toolchain, buildFolder, placement, leftOut, finishers, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// The measured run once the engines are chosen: the results folder with the environment, the
    /// BenchmarkDotNet run, the capacity searches, then <see cref="FinishAsync"/>.
    /// </summary>
    private async Task<int> RunSuiteAsync(
        BenchRequest request,
        Type[] types,
        string[] bdnArguments,
        IToolchain? toolchain,
        string? buildFolder,
        Placement placement,
        IReadOnlyDictionary<string, string> leftOut,
        IReadOnlyList<IRunFinisher> finishers,
        CancellationToken cancellation)
    {
        var started = DateTimeOffset.UtcNow;
        if (await CreateFolderAsync(request, started).ConfigureAwait(false) is not { } folder)
        {
            return ExitCodes.Usage;
        }

        ResultsFolderPath = folder;
        string sideDirectory = Path.Combine(folder, ".cases");
        var settings = Settings(request, sideDirectory) with { Placement = placement };
        settings.Install();

        var (environment, engineOptions) = WriteEnvironment(folder, request, toolchain, placement);

        // BenchmarkDotNet's log goes to its file in the results folder always, and to the output
        // only with --verbose; otherwise the output shows the progress display.
        ILogger logger = request.Verbose ? new TextWriterLogger(_output) : NullLogger.Instance;
        var diagnoser = new LoadDiagnoser(sideDirectory);
        var console = BenchConsole.For(_output, request.Verbose);
        var config = BenchConfig.Create(request.Profile, toolchain, diagnoser, logger, Path.Combine(folder, ExportsFolderName), new CaseProgress(console, diagnoser), NativeWithoutWork);
        await AnnounceAsync(request, types, placement, folder).ConfigureAwait(false);

        var summaries = Measure(console, types, bdnArguments, config, buildFolder);
        var cases = CaseCollection.Collect(summaries, diagnoser, CaseIdentity.Of);
        var capacity = await CapacityAsync(request, cases, cancellation).ConfigureAwait(false);
        var run = new RunResult
        {
            Profile = request.Profile.Name,
            Started = started,
            Finished = DateTimeOffset.UtcNow,
            Environment = environment,
            EngineOptions = engineOptions,
            InjectedWork = request.InjectedWork,
            Placement = placement.ToRecord(),
            LeftOutEngines = leftOut,
            Cases = cases,
            Capacity = capacity,
        };
        return await FinishAsync(run, request, folder, sideDirectory, finishers, cancellation).ConfigureAwait(false);
    }

    /// <summary>The run's folder under --results; null when it cannot be created (said on the error output).</summary>
    private async Task<string?> CreateFolderAsync(BenchRequest request, DateTimeOffset started)
    {
        try
        {
            return ResultsFolder.Create(request.ResultsRoot, request.Profile.Name, started);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // --results is checked where it is parsed; this is what changed since (a full disk, a race).
            await _error.WriteLineAsync($"kechobench bench: --results '{request.ResultsRoot}': cannot create the run's folder: {e.Message}").ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Says what runs: the scenarios the native yardsticks sit out, then the profile, scenarios, engines, placement and folder.</summary>
    private async Task AnnounceAsync(BenchRequest request, Type[] types, Placement placement, string folder)
    {
        if (request.YardstickFolder is not null && types.Where(HasServerWork).Select(ScenarioTypes.NameOf).ToList() is { Count: > 0 } working)
        {
            await _output.WriteLineAsync($"kechobench bench: the native yardsticks do no per-request work, so they sit out {string.Join(", ", working)}").ConfigureAwait(false);
        }

        await _output.WriteLineAsync($"kechobench bench: profile {request.Profile.Name}, scenarios {string.Join(",", request.Scenarios)}, engines {string.Join(",", request.Engines)}{Injected(request)}; {placement}; results in {folder}").ConfigureAwait(false);
    }

    /// <summary>BenchmarkDotNet runs the cases behind the console display; the build folder is deleted after, whatever happened.</summary>
    private static List<Summary> Measure(BenchConsole console, Type[] types, string[] bdnArguments, IConfig config, string? buildFolder)
    {
        try
        {
            return console.Run(() => BenchmarkSwitcher.FromTypes(types).Run(bdnArguments, config).ToList());
        }
        finally
        {
            if (buildFolder is not null)
            {
                TryDelete(buildFolder);
            }
        }
    }

    /// <summary>The profile's capacity searches (its objective and number of searches replaced by --slo and --capacity-searches when given), after the cases.</summary>
    private Task<CapacityResult?> CapacityAsync(BenchRequest request, IReadOnlyList<CaseResult> cases, CancellationToken cancellation)
    {
        var capacitySettings = request.Capacity;
        // The capacity searches start built-in engines only: a native yardstick is measured in the cases.
        return Capacity.CapacityRun.RunAsync(capacitySettings, [.. request.Engines.Where(e => !NativeYardsticks.IsNative(e))], request.ServerPids.Count == 1 ? request.ServerPids.Values.First() : null, request.Profile.WorkqueueWorkers, cases, _output, cancellation);
    }

    /// <summary>
    /// Out of process (BenchmarkDotNet builds the suite's project) where the source tree is around;
    /// an installed tool has none, so its cases run in this process (the servers under test are
    /// their own processes either way). The build folder is the caller's to delete.
    /// </summary>
    private async Task<(IToolchain? Toolchain, string? BuildFolder)> ToolchainAsync(BenchRequest request)
    {
        var project = request.InProcess ? null : SuiteProject.Find();
        if (project is not null)
        {
            string buildFolder = Directory.CreateTempSubdirectory("kechobench-bdn-").FullName;
            return (SuiteToolchain.Create(project, buildFolder), buildFolder);
        }

        if (!request.InProcess)
        {
            await _output.WriteLineAsync($"kechobench bench: no source tree around {AppContext.BaseDirectory} (an installed tool): the cases run in this process").ConfigureAwait(false);
        }

        return (null, null);
    }

    /// <summary>The machine and the settings the run starts with, in the results folder before any case runs.</summary>
    private static (EnvironmentInfo Environment, IReadOnlyDictionary<string, string> EngineOptions) WriteEnvironment(string folder, BenchRequest request, IToolchain? toolchain, Placement placement)
    {
        var environment = EnvironmentProbe.Capture();
        var engineOptions = EngineOptionValues(request.Cluster);
        File.WriteAllText(
            Path.Combine(folder, EnvironmentFileName),
            JsonSerializer.Serialize(new { environment, engineOptions, toolchain = toolchain is null ? "in-process" : "out-of-process", profile = request.Profile, engines = request.Engines, request.ServerPids, request.InjectedWork, placement = placement.ToRecord() }, RunResultStore.JsonOptions));
        return (environment, engineOptions);
    }

    /// <summary>
    /// An engine this machine cannot run (no io_uring, say) is left out with its reason, not run to
    /// fail; native engines need their built yardsticks. A refusal is the exit code to end with.
    /// </summary>
    private async Task<(int? Refused, IReadOnlyList<string> Runnable, IReadOnlyDictionary<string, string> LeftOut, string? Yardsticks)> ChooseEnginesAsync(BenchRequest request)
    {
        var (runnable, leftOut) = EngineAvailability.Partition(request.Engines);
        foreach (var (engine, reason) in leftOut)
        {
            await _error.WriteLineAsync($"kechobench bench: engine {engine} left out: {reason}").ConfigureAwait(false);
        }

        if (runnable.Count == 0)
        {
            await _error.WriteLineAsync("kechobench bench: none of the engines asked for can run on this machine").ConfigureAwait(false);
            return (ExitCodes.Failure, runnable, leftOut, null);
        }

        if (!runnable.Any(NativeYardsticks.IsNative))
        {
            return (null, runnable, leftOut, null);
        }

        string? yardsticks = request.YardstickFolder ?? NativeYardsticks.FindFolder();
        if (yardsticks is null)
        {
            await _error.WriteLineAsync($"kechobench bench: native engines need the built yardsticks, and there is no {NativeYardsticks.RelativeFolder} around this kechobench: set {NativeYardsticks.FolderVariable} to their folder").ConfigureAwait(false);
            return (ExitCodes.Usage, runnable, leftOut, null);
        }

        if (NativeYardsticks.Missing(yardsticks, runnable) is { Count: > 0 } missing)
        {
            await _error.WriteLineAsync($"kechobench bench: native yardstick {string.Join(", ", missing)} not built in {yardsticks}; build with: {NativeYardsticks.BuildCommand(yardsticks)} (needs a C compiler and make; echo_uring also liburing-dev)").ConfigureAwait(false);
            return (ExitCodes.Usage, runnable, leftOut, null);
        }

        return (null, runnable, leftOut, yardsticks);
    }

    /// <summary>Nothing is measured: BenchmarkDotNet lists the cases, with throwaway settings so that the parameter values show.</summary>
    private int List(BenchRequest request, Type[] types, string[] bdnArguments, IToolchain? toolchain, string? buildFolder)
    {
        string scratch = Directory.CreateTempSubdirectory("kechobench-list-").FullName;
        Settings(request, scratch).Install();
        var listConfig = BenchConfig.Create(request.Profile, toolchain, new LoadDiagnoser(scratch), new TextWriterLogger(_output), scratch);
        BenchmarkSwitcher.FromTypes(types).Run(bdnArguments, listConfig);
        TryDelete(scratch);
        if (buildFolder is not null)
        {
            TryDelete(buildFolder);
        }

        return ExitCodes.Success;
    }

    /// <summary>Writes the run (run.json, bench.txt, the latest link), says which cases failed, and runs the finishers (the report, the comparison).</summary>
    private async Task<int> FinishAsync(RunResult run, BenchRequest request, string folder, string sideDirectory, IReadOnlyList<IRunFinisher> finishers, CancellationToken cancellation)
    {
        var cases = run.Cases;
        RunResultStore.Write(run, folder);
        BenchTxtFiles.Write(run, folder);
        TryDelete(sideDirectory);
        ResultsFolder.PointLatestAt(request.ResultsRoot, folder);

        int exitCode = ExitCodes.Success;
        var failed = cases.Where(c => c.Failure is not null).ToList();
        foreach (var c in failed)
        {
            await _error.WriteLineAsync($"kechobench bench: case {c.Key} could not run: {c.Failure}").ConfigureAwait(false);
        }

        if (cases.Count == 0)
        {
            await _error.WriteLineAsync("kechobench bench: no benchmark case ran (check --scenarios, --engines and --filter)").ConfigureAwait(false);
            exitCode = ExitCodes.Failure;
        }
        else if (failed.Count > 0)
        {
            exitCode = ExitCodes.Failure;
        }

        if (cases.Count > 0)
        {
            BenchSummaryTable.Write(cases, _output);
        }

        await _output.WriteLineAsync($"kechobench bench: {cases.Count - failed.Count} of {cases.Count} cases measured in {(run.Finished - run.Started).TotalSeconds:0} s; results in {folder}").ConfigureAwait(false);
        if (LogFile(folder) is { } log)
        {
            await _output.WriteLineAsync($"kechobench bench: BenchmarkDotNet's log: {log}").ConfigureAwait(false);
        }

        foreach (var finisher in finishers)
        {
            await _output.WriteLineAsync($"kechobench bench: {finisher.Name}").ConfigureAwait(false);
            int code = await finisher.FinishAsync(folder, _output, _error, cancellation).ConfigureAwait(false);
            exitCode = Math.Max(exitCode, code);
        }

        return exitCode;
    }

    private static BenchSettings Settings(BenchRequest request, string sideDirectory) => new()
    {
        Profile = request.Profile,
        Engines = request.Engines,
        ServerPids = request.ServerPids,
        Cluster = request.Cluster,
        SecretFile = request.SecretFile is { } file ? Path.GetFullPath(file) : null,
        InjectedWork = request.InjectedWork,
        YardstickFolder = request.YardstickFolder,
        Attribution = request.Attribution,
        SideDirectory = Path.GetFullPath(sideDirectory),
    };

    /// <summary>
    /// Leaves out the cases of native yardsticks in scenarios that ask the server for work per
    /// request: a native server does none, so it would be measured doing less than the engines.
    /// Reads the current settings (the scenario's work is the profile's).
    /// </summary>
    private static readonly SimpleFilter NativeWithoutWork = new(c =>
        c.Parameters["Engine"] is not string engine
        || !NativeYardsticks.IsNative(engine)
        || !HasServerWork(c.Descriptor.Type));

    private static bool HasServerWork(Type scenario) =>
        Activator.CreateInstance(scenario) is ScenarioBenchmark { HasServerWork: true };

    private static string Injected(BenchRequest request) =>
        request.InjectedWork.Count == 0
            ? string.Empty
            : "; INJECTED WORK (slowed on purpose): " + string.Join(", ", request.InjectedWork.Select(w => $"{w.Key}={w.Value}"));

    private static Dictionary<string, string> EngineOptionValues(string? cluster)
    {
        var defaults = new EngineOptions();
        return new Dictionary<string, string>
        {
            // Over a cluster the server agent binds each server to its own address, not loopback.
            ["bind"] = cluster is null ? defaults.BindAddress.ToString() : "the server agent's address (--cluster " + cluster + ")",
            ["port"] = "0 (ephemeral)",
            ["backlog"] = $"{defaults.Backlog}, or the case's connection count if larger",
            ["workers"] = $"workqueue {EngineOptions.DefaultWorkqueueWorkers}, eventloop and uring {EngineOptions.DefaultEventLoops}",
            ["queueCapacity"] = $"{defaults.QueueCapacity}",
            ["maxActive"] = $"{defaults.MaxActive}",
            ["bufferSize"] = $"{defaults.BufferSize}",
            ["work"] = "none (blocking and cpu scenarios: see each case's parameters)",
        };
    }

    /// <summary>The log file BenchmarkDotNet writes into its artifacts folder (BenchmarkRun-*.log).</summary>
    private static string? LogFile(string folder)
    {
        string exports = Path.Combine(folder, ExportsFolderName);
        return Directory.Exists(exports) ? Directory.GetFiles(exports, "*.log").Order(StringComparer.Ordinal).LastOrDefault() : null;
    }

    /// <summary>BenchmarkDotNet asks interactively which benchmark to run unless given a filter: run all by default.</summary>
    private static string[] WithDefaultFilter(IReadOnlyList<string> arguments) =>
        arguments.Any(a => a is "--filter" or "-f") ? [.. arguments] : [.. arguments, "--filter", "*"];

    private static bool IsListing(IReadOnlyList<string> arguments) => arguments.Contains("--list");

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Leftover side files harm nothing; they only mean a process wrote after we looked.
        }
    }
}
