namespace KEchoBench.Bench.Benchmarks.Scenarios;

/// <summary>The scenarios by their fixed names, in the order a run and its summary present them.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<(string Name, Type Type)> All { get; } =
    [
        (ClientsScenario.Name, typeof(ClientsScenario)),
        (BurstScenario.Name, typeof(BurstScenario)),
        (BlockingScenario.Name, typeof(BlockingScenario)),
        (CpuScenario.Name, typeof(CpuScenario)),
        (IdleScenario.Name, typeof(IdleScenario)),
        (RateScenario.Name, typeof(RateScenario)),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(s => s.Name)];

    public static Type? TypeOf(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)).Type;

    public static string? NameOf(Type type) => All.FirstOrDefault(s => s.Type == type).Name;
}
