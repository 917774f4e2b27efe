using BenchmarkDotNet.Running;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Scenarios;

/// <summary>A case's identity from BenchmarkDotNet's own description, for a case whose process left no record.</summary>
internal static class CaseIdentity
{
    public static CaseResult Of(BenchmarkCase benchmarkCase)
    {
        var parameters = benchmarkCase.Parameters;
        return new CaseResult
        {
            Scenario = ScenarioTypes.NameOf(benchmarkCase.Descriptor.Type) ?? benchmarkCase.Descriptor.Type.Name,
            Engine = parameters[nameof(ScenarioBenchmark.Engine)] as string ?? string.Empty,
            Clients = parameters.Items.Any(p => p.Name == "Clients") && parameters["Clients"] is int clients ? clients : 0,
        };
    }
}
