using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.EventProcessors;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using KEchoBench.Bench.Benchmarks.Profiles;
using Perfolizer.Horology;
using KEchoBench.Bench.Benchmarks.HandOff;

namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>
/// The BenchmarkDotNet configuration of a run: one job for every case (so the default toolchain
/// builds one benchmark project per run, not one per case), the suite's diagnoser for the custom
/// columns, and the Markdown, CSV and full JSON exporters.
/// </summary>
internal static class BenchConfig
{
    /// <summary>
    /// <see cref="RunStrategy.Monitoring"/>: one invocation is one load round, lasting tens of
    /// milliseconds to seconds and never repeated inside an iteration. The default (throughput)
    /// strategy would run a pilot stage to pick an invocation count, and overhead iterations: both
    /// cost whole load rounds and are meant for nanosecond-scale operations.
    /// </summary>
    public static Job JobFor(BenchProfile profile, IToolchain toolchain)
    {
        var job = Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(profile.WarmupCount)
            .WithIterationCount(profile.IterationCount)
            .WithId(profile.Name)
            .WithToolchain(toolchain);

        // The generated benchmark project rebuilds src/Bench and src/Servers. Analyzers were run
        // by the developer's own build; here they only cost time (most of a build on 2 cores).
        // The shared compiler server, which BenchmarkDotNet turns off, is reused if warm.
        return toolchain.IsInProcess
            ? job
            : job.WithArguments(
            [
                new MsBuildArgument("/p:RunAnalyzers=false"),
                new MsBuildArgument("/p:TreatWarningsAsErrors=false"),
                new MsBuildArgument("/p:UseSharedCompilation=true"),
            ]);
    }

    /// <summary>
    /// How long the generated benchmark project may take to build. BenchmarkDotNet's default, 2
    /// minutes, was not enough on this shared 2-core machine while others were building: the
    /// build of src/Servers, src/Bench and the boilerplate was killed at 120 s after getting only
    /// as far as KEchoBench.Servers, and every case failed with "failed to build the
    /// auto-generated boilerplate" (a quiet machine builds it in 20-30 s).
    /// </summary>
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The configuration; <paramref name="toolchain"/> null means in-process (BenchmarkDotNet's
    /// in-process emit toolchain: no build, no benchmark process; for smoke tests).
    /// </summary>
    public static IConfig Create(BenchProfile profile, IToolchain? toolchain, LoadDiagnoser diagnoser, ILogger logger, string artifactsPath, EventProcessor? progress = null, IFilter? filter = null)
    {
        bool inProcess = toolchain is null;
        var config = ManualConfig.CreateEmpty()
            .AddJob(JobFor(profile, toolchain ?? InProcessEmitToolchain.Instance))
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(logger)
            .AddExporter(MarkdownExporter.GitHub, CsvExporter.Default, JsonExporter.Full)
            .AddDiagnoser(diagnoser)
            .AddValidator(DefaultConfig.Instance.GetValidators().ToArray())
            .AddAnalyser(DefaultConfig.Instance.GetAnalysers().ToArray())
            .WithArtifactsPath(artifactsPath)
            .WithBuildTimeout(BuildTimeout)
            .WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(TimeUnit.Millisecond));

        if (filter is not null)
        {
            config = config.AddFilter(filter);
        }

        if (progress is not null)
        {
            config = config.AddEventProcessor(progress);
        }

        // A test build may be Debug: the in-process smoke run is about plumbing, not numbers.
        return inProcess ? config.WithOptions(ConfigOptions.DisableOptimizationsValidator) : config;
    }
}
