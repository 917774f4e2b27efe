using System.Collections.Concurrent;
using BenchmarkDotNet.Analysers;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;
using KEchoBench.Bench.Benchmarks.Columns;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.HandOff;

/// <summary>
/// Carries the suite's figures from each benchmark process into BenchmarkDotNet's summary. It runs
/// in the host: when a benchmark process is done it reads the side file that process wrote
/// (named by its process id), keeps the case's results, and returns them as <see cref="Metric"/>s,
/// which every exporter shows. BenchmarkDotNet 0.15.8 has no in-process diagnoser for this.
/// </summary>
internal sealed class LoadDiagnoser : IDiagnoser
{
    private readonly string _sideDirectory;
    private readonly ConcurrentDictionary<BenchmarkCase, int> _processIds = new();
    private readonly ConcurrentDictionary<BenchmarkCase, CaseResult> _results = new();

    public LoadDiagnoser(string sideDirectory) => _sideDirectory = sideDirectory;

    /// <summary>What each case's benchmark process recorded (a failure reason included).</summary>
    public IReadOnlyDictionary<BenchmarkCase, CaseResult> Results => _results;

    public IEnumerable<string> Ids => ["KEchoBenchLoad"];

    public IEnumerable<IExporter> Exporters => [];

    public IEnumerable<IAnalyser> Analysers => [];

    public RunMode GetRunMode(BenchmarkCase benchmarkCase) => RunMode.NoOverhead;

    public void Handle(HostSignal signal, DiagnoserActionParameters parameters)
    {
        switch (signal)
        {
            case HostSignal.AfterProcessStart or HostSignal.BeforeAnythingElse:
                if (ProcessIdOf(parameters) is { } pid)
                {
                    _processIds[parameters.BenchmarkCase] = pid;
                }

                break;

            // AfterAll comes once global cleanup has written the file; AfterProcessExit catches a
            // process that failed in global setup and never reached AfterAll.
            case HostSignal.AfterAll or HostSignal.AfterProcessExit:
                if (_processIds.TryGetValue(parameters.BenchmarkCase, out int id)
                    && SideFiles.Take(_sideDirectory, id) is { } result)
                {
                    _results[parameters.BenchmarkCase] = result;
                }

                break;
        }
    }

    public IEnumerable<Metric> ProcessResults(DiagnoserResults results)
    {
        if (!_results.TryGetValue(results.BenchmarkCase, out var result) || result.Overall is not { } overall)
        {
            yield break;
        }

        foreach (var metric in LoadMetrics.All)
        {
            if (metric.ValueOf(overall) is { } value && double.IsFinite(value))
            {
                yield return new Metric(metric, value);
            }
        }
    }

    public void DisplayResults(ILogger logger)
    {
        foreach (var (benchmarkCase, result) in _results.Where(r => r.Value.Failure is not null))
        {
            logger.WriteLineError($"{benchmarkCase.DisplayInfo}: {result.Failure}");
        }
    }

    public IEnumerable<ValidationError> Validate(ValidationParameters validationParameters) => [];

    private static int? ProcessIdOf(DiagnoserActionParameters parameters)
    {
        try
        {
            return parameters.Process?.Id;
        }
        catch (InvalidOperationException)
        {
            // The process object is not started yet (or no longer associated).
            return null;
        }
    }
}
