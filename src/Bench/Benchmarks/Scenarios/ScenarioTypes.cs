using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Scenarios;

/// <summary>The benchmark class of each scenario in <see cref="ScenarioCatalog"/>, in the order a run and its bench tables present them.</summary>
internal static class ScenarioTypes
{
    public static IReadOnlyList<(string Name, Type Type)> All { get; } =
    [
        (ClientsScenario.Name, typeof(ClientsScenario)),
        (BurstScenario.Name, typeof(BurstScenario)),
        (BlockingScenario.Name, typeof(BlockingScenario)),
        (CpuScenario.Name, typeof(CpuScenario)),
        (IdleScenario.Name, typeof(IdleScenario)),
        (RateScenario.Name, typeof(RateScenario)),
        (KechoBenchScenario.Name, typeof(KechoBenchScenario)),
        (KechoTelnetScenario.Name, typeof(KechoTelnetScenario)),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(s => s.Name)];

    /// <summary>What a profile runs when it names no scenarios: all but the kecho experiments, which <c>--profile kecho</c> runs as they were.</summary>
    public static IReadOnlyList<string> DefaultNames { get; } = [.. Names.Where(n => n is not (KechoBenchScenario.Name or KechoTelnetScenario.Name))];

    public static Type? TypeOf(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)).Type;

    public static string? NameOf(Type type) => All.FirstOrDefault(s => s.Type == type).Name;
}
