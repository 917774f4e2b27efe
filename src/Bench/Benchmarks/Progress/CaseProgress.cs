using System.Diagnostics;
using BenchmarkDotNet.EventProcessors;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using KEchoBench.Bench.Benchmarks.Scenarios;
using KEchoBench.Bench.Benchmarks.HandOff;

namespace KEchoBench.Bench.Benchmarks.Progress;

/// <summary>
/// Follows a BenchmarkDotNet run case by case (its event processor) and tells a
/// <see cref="BenchConsole"/>: which case of how many, and, once it is done, how long it took
/// and how many errors the load generator counted in it (from the suite's diagnoser).
/// </summary>
internal sealed class CaseProgress : EventProcessor
{
    private readonly BenchConsole _console;
    private readonly LoadDiagnoser _diagnoser;
    private readonly Stopwatch _run = new();
    private readonly Stopwatch _case = new();

    // From the first case on: the build before it says nothing about how long the cases take.
    private readonly Stopwatch _cases = new();
    private int _total;
    private int _started;
    private int _finished;
    private int _failed;
    private long _errors;

    public CaseProgress(BenchConsole console, LoadDiagnoser diagnoser)
    {
        _console = console;
        _diagnoser = diagnoser;
    }

    public override void OnStartBuildStage(IReadOnlyList<BuildPartition> partitions)
    {
        _total = partitions.Sum(p => p.Benchmarks.Length);
        _run.Start();
    }

    public override void OnStartRunBenchmark(BenchmarkCase benchmarkCase)
    {
        _run.Start();
        _cases.Start();
        _started++;
        _case.Restart();
        _console.CaseStarted(Snapshot(benchmarkCase, finished: null));
    }

    public override void OnEndRunBenchmark(BenchmarkCase benchmarkCase, BenchmarkReport report)
    {
        _finished++;
        bool measured = report.Success && _diagnoser.Results.TryGetValue(benchmarkCase, out var result) && result is { Failure: null, Overall: not null };
        if (!measured)
        {
            _failed++;
        }

        long errors = _diagnoser.Results.TryGetValue(benchmarkCase, out var recorded) ? recorded.Overall?.Errors ?? 0 : 0;
        _errors += errors;
        _console.CaseFinished(Snapshot(benchmarkCase, new FinishedCase(_case.Elapsed, errors, measured)));
    }

    private CaseStep Snapshot(BenchmarkCase benchmarkCase, FinishedCase? finished)
    {
        var elapsed = _run.Elapsed;
        int total = Math.Max(_total, _started);
        // Cases of one run differ in length, but a run's later cases are like its earlier ones.
        TimeSpan? left = _finished > 0 ? _cases.Elapsed / _finished * (total - _finished) : null;
        return new CaseStep(_started, total, Describe(benchmarkCase), elapsed, left, _errors, _failed, finished);
    }

    /// <summary>"cpu engine=cmwq Clients=10 Work=cpu:20us": the scenario, then BenchmarkDotNet's parameters.</summary>
    private static string Describe(BenchmarkCase benchmarkCase)
    {
        string scenario = ScenarioTypes.NameOf(benchmarkCase.Descriptor.Type) ?? benchmarkCase.Descriptor.Type.Name;
        var parameters = benchmarkCase.Parameters.Items
            .OrderBy(p => p.Name == nameof(ScenarioBenchmark.Engine) ? 0 : 1)
            .Select(p => $"{(p.Name == nameof(ScenarioBenchmark.Engine) ? "engine" : p.Name)}={p.Value}");
        return string.Join(' ', [scenario, .. parameters]);
    }
}
