using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.ConsoleArguments;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains;
using KEchoBench.Bench.Benchmarks.Diagnosers;
using KEchoBench.Bench.Benchmarks.Results;
using KEchoBench.Bench.Benchmarks.Scenarios;
using KEchoBench.Bench.RunEnvironment;
using KEchoBench.Bench.Results;
using KEchoBench.Servers.Configuration;

namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>
/// Runs the suite: one BenchmarkDotNet run over every selected scenario × engine × load point,
/// then writes the results folder (BenchmarkDotNet exports, environment, run.json, summary.md,
/// bench.txt for burst cases),
/// points results/latest at it, and hands it to the finishers (report, compare).
/// </summary>
public sealed class BenchRunner
{
    public const string EnvironmentFileName = "environment.json";
    public const string ExportsFolderName = "bdn";

    // Cli.ExitCodes.Usage; the runner does not depend on the command-line layer.
    private const int ExitCodesUsage = 2;

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
        var types = request.Scenarios.Select(s => ScenarioCatalog.TypeOf(s)!).ToArray();
        var logger = new TextWriterLogger(_output);
        string[] bdnArguments = WithDefaultFilter(request.BenchmarkDotNetArguments);

        // BenchmarkDotNet's own arguments are checked before anything is created: on a bad one it
        // prints why (to the log) and would otherwise run nothing and say nothing.
        var (accepted, _, _) = ConfigParser.Parse(bdnArguments, logger);
        if (!accepted)
        {
            await _error.WriteLineAsync($"kechobench bench: BenchmarkDotNet did not accept the arguments '{string.Join(" ", request.BenchmarkDotNetArguments)}' (see above)").ConfigureAwait(false);
            return ExitCodesUsage;
        }

        IToolchain? toolchain = null;
        string? buildFolder = null;
        if (!request.InProcess)
        {
            var project = SuiteProject.Find();
            if (project is null)
            {
                await _error.WriteLineAsync(
                    $"kechobench bench: cannot find src/Bench/{SuiteProject.FileName}: BenchmarkDotNet builds a benchmark project that references it, so run bench from the source tree (dotnet run --project src/Bench -c Release -- bench), or use --in-process").ConfigureAwait(false);
                return ExitCodesUsage;
            }

            buildFolder = Directory.CreateTempSubdirectory("kechobench-bdn-").FullName;
            toolchain = SuiteToolchain.Create(project, buildFolder);
        }

        if (IsListing(bdnArguments))
        {
            // Nothing is measured: list with throwaway settings so the parameter values show.
            string scratch = Directory.CreateTempSubdirectory("kechobench-list-").FullName;
            Settings(request, scratch).Install();
            var listConfig = BenchConfig.Create(request.Profile, toolchain, new LoadDiagnoser(scratch), logger, scratch);
            BenchmarkSwitcher.FromTypes(types).Run(bdnArguments, listConfig);
            TryDelete(scratch);
            if (buildFolder is not null)
            {
                TryDelete(buildFolder);
            }

            return 0;
        }

        var started = DateTimeOffset.UtcNow;
        string folder = ResultsFolder.Create(request.ResultsRoot, request.Profile.Name, started);
        ResultsFolderPath = folder;
        string sideDirectory = Path.Combine(folder, ".cases");
        var settings = Settings(request, sideDirectory);
        settings.Install();

        var environment = EnvironmentProbe.Capture();
        var engineOptions = EngineOptionValues();
        File.WriteAllText(
            Path.Combine(folder, EnvironmentFileName),
            JsonSerializer.Serialize(new { environment, engineOptions, profile = request.Profile, engines = request.Engines, request.ServerPid, request.InjectedWork }, RunResultStore.JsonOptions));

        var diagnoser = new LoadDiagnoser(sideDirectory);
        var config = BenchConfig.Create(request.Profile, toolchain, diagnoser, logger, Path.Combine(folder, ExportsFolderName));
        await _output.WriteLineAsync($"kechobench bench: profile {request.Profile.Name}, scenarios {string.Join(",", request.Scenarios)}, engines {string.Join(",", request.Engines)}{Injected(request)}; results in {folder}").ConfigureAwait(false);

        List<Summary> summaries;
        try
        {
            summaries = BenchmarkSwitcher.FromTypes(types).Run(bdnArguments, config).ToList();
        }
        finally
        {
            if (buildFolder is not null)
            {
                TryDelete(buildFolder);
            }
        }

        var cases = Collect(summaries, diagnoser);
        var run = new RunResult
        {
            Profile = request.Profile.Name,
            Started = started,
            Finished = DateTimeOffset.UtcNow,
            Environment = environment,
            EngineOptions = engineOptions,
            InjectedWork = request.InjectedWork,
            Cases = cases,
        };
        RunResultStore.Write(run, folder);
        SummaryMarkdown.Write(run, folder);
        BenchTxtFiles.Write(run, folder);
        TryDelete(sideDirectory);
        ResultsFolder.PointLatestAt(request.ResultsRoot, folder);

        int exitCode = 0;
        var failed = cases.Where(c => c.Failure is not null).ToList();
        foreach (var c in failed)
        {
            await _error.WriteLineAsync($"kechobench bench: case {c.Key} could not run: {c.Failure}").ConfigureAwait(false);
        }

        if (cases.Count == 0)
        {
            await _error.WriteLineAsync("kechobench bench: no benchmark case ran (check --scenarios, --engines and --filter)").ConfigureAwait(false);
            exitCode = 1;
        }
        else if (failed.Count > 0)
        {
            exitCode = 1;
        }

        await _output.WriteLineAsync($"kechobench bench: {cases.Count - failed.Count} of {cases.Count} cases measured in {(run.Finished - run.Started).TotalSeconds:0} s; results in {folder}").ConfigureAwait(false);

        foreach (var finisher in finishers)
        {
            await _output.WriteLineAsync($"kechobench bench: {finisher.Name}").ConfigureAwait(false);
            int code = await finisher.FinishAsync(folder, _output, _error, cancellation).ConfigureAwait(false);
            exitCode = Math.Max(exitCode, code);
        }

        return exitCode;
    }

    /// <summary>Every case BenchmarkDotNet ran, with what its process recorded, or why it has nothing.</summary>
    public static List<CaseResult> Collect(IEnumerable<Summary> summaries, LoadDiagnoser diagnoser)
    {
        var cases = new List<CaseResult>();
        foreach (var summary in summaries)
        {
            foreach (var benchmarkCase in summary.BenchmarksCases)
            {
                var report = summary[benchmarkCase];
                diagnoser.Results.TryGetValue(benchmarkCase, out var recorded);
                var result = recorded ?? CaseIdentity.Of(benchmarkCase);
                if (result.Failure is null && (report is null || !report.Success || result.Overall is null))
                {
                    result = result with { Failure = WhyNoResult(report, recorded) };
                }

                cases.Add(result);
            }
        }

        return cases;
    }

    private static string WhyNoResult(BenchmarkReport? report, CaseResult? recorded)
    {
        if (report is null)
        {
            return "BenchmarkDotNet produced no report for this case";
        }

        if (!report.BuildResult.IsBuildSuccess)
        {
            return $"the benchmark project did not build: {report.BuildResult.ErrorMessage}";
        }

        if (recorded is null)
        {
            return "the benchmark process ended without a record (it crashed or was killed); see the BenchmarkDotNet log";
        }

        return "no measured round was recorded; see the BenchmarkDotNet log";
    }

    private static BenchSettings Settings(BenchRequest request, string sideDirectory) => new()
    {
        Profile = request.Profile,
        Engines = request.Engines,
        ServerPid = request.ServerPid,
        InjectedWork = request.InjectedWork,
        SideDirectory = Path.GetFullPath(sideDirectory),
    };

    private static string Injected(BenchRequest request) =>
        request.InjectedWork.Count == 0
            ? string.Empty
            : "; INJECTED WORK (slowed on purpose): " + string.Join(", ", request.InjectedWork.Select(w => $"{w.Key}={w.Value}"));

    private static Dictionary<string, string> EngineOptionValues()
    {
        var defaults = new EngineOptions();
        return new Dictionary<string, string>
        {
            ["bind"] = defaults.BindAddress.ToString(),
            ["port"] = "0 (ephemeral)",
            ["backlog"] = $"{defaults.Backlog}, or the case's connection count if larger",
            ["workers"] = $"{defaults.Workers}",
            ["queueCapacity"] = $"{defaults.QueueCapacity}",
            ["maxActive"] = $"{defaults.MaxActive}",
            ["bufferSize"] = $"{defaults.BufferSize}",
            ["work"] = "none (blocking and cpu scenarios: see each case's parameters)",
        };
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
