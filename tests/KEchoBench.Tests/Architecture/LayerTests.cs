using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using KEchoBench.Servers.Engines;
using Xunit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using static ArchUnitNET.Fluent.Slices.SliceRuleDefinition;

namespace KEchoBench.Tests.Architecture;

/// <summary>
/// docs/architecture.md's layers as rules over the compiled program and engines library, top to
/// bottom: Cli → the features that present and gate (Reports, Comparison, Gate, Check) → Benchmarks →
/// Capacity → Distributed → Load → Attribution → Processes → Results → shared helpers
/// (Formatting, RunEnvironment, Statistics, Terminal, Timing) → Servers. A layer may use any layer below it and
/// none above; the presenting features use none of one another; every namespace of the program is in
/// exactly one layer (a new folder must be placed here); no namespace is part of a cycle; concrete
/// engines are named only where they are registered.
/// </summary>
public sealed class LayerTests
{
    private static readonly ArchUnitNET.Domain.Architecture Code = new ArchLoader()
        .LoadAssemblies(typeof(KEchoBench.Bench.Cli.CommandLine).Assembly, typeof(Engine).Assembly)
        .Build();

    internal static readonly string[] Features = ["Reports", "Comparison", "Gate", "Check"];

    internal static readonly string[] Helpers = ["Formatting", "RunEnvironment", "Statistics", "Terminal", "Timing"];

    /// <summary>The program's layers, top first: each names the top-level namespaces under KEchoBench.Bench it holds.</summary>
    internal static readonly (string Layer, string[] Namespaces)[] Layers =
    [
        ("Cli", ["Cli"]),
        ("features", Features),
        ("Benchmarks", ["Benchmarks"]),
        ("Capacity", ["Capacity"]),
        ("Distributed", ["Distributed"]),
        ("Load", ["Load"]),
        ("Attribution", ["Attribution"]),
        ("Processes", ["Processes"]),
        ("Results", ["Results"]),
        ("helpers", Helpers),
    ];

    private static IObjectProvider<IType> Below(string ns) =>
        Types().That().ResideInNamespaceOrBelow(ns).As(ns);

    private static IObjectProvider<IType> Any(string[] names) =>
        Types().That().ResideInNamespaceMatching($@"^KEchoBench\.Bench\.({string.Join('|', names)})(\..*)?$").As(string.Join(", ", names));

    private static IObjectProvider<IType> LayerTypes(int index) =>
        index == 0
            ? Types().That().ResideInNamespaceOrBelow("KEchoBench.Bench.Cli").Or().ResideInNamespace("").As("Cli")
            : Any(Layers[index].Namespaces);

    private static IObjectProvider<IType> Program = Below("KEchoBench.Bench");

    private static void NotAbove(IObjectProvider<IType> lower, params IObjectProvider<IType>[] higher)
    {
        foreach (var layer in higher)
        {
            IArchRule rule = Types().That().Are(lower).Should().NotDependOnAny(Types().That().Are(layer)).WithoutRequiringPositiveResults();
            rule.Check(Code);
        }
    }

    [Fact]
    public void ServersUseNothingOfTheProgram() => NotAbove(Below("KEchoBench.Servers"), Program);

    public static TheoryData<string> LayerNames => [.. Layers.Skip(1).Select(l => l.Layer)];

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void ALayerUsesNoLayerAboveIt(string layer)
    {
        int index = Array.FindIndex(Layers, l => l.Layer == layer);
        NotAbove(LayerTypes(index), [.. Enumerable.Range(0, index).Select(LayerTypes)]);
    }

    public static TheoryData<string> FeatureNames => [.. Features];

    [Theory]
    [MemberData(nameof(FeatureNames))]
    public void AFeatureUsesNoOtherFeature(string feature) =>
        NotAbove(Below($"KEchoBench.Bench.{feature}"), Any([.. Features.Where(f => f != feature)]));

    /// <summary>A folder nobody placed would be checked by no rule: every namespace of the program must be in one layer.</summary>
    [Fact]
    public void EveryNamespaceOfTheProgramIsInOneLayer()
    {
        var placed = Layers.SelectMany(l => l.Namespaces).ToList();
        Assert.Equal(placed.Count, placed.Distinct().Count());
        var unplaced = typeof(KEchoBench.Bench.Cli.CommandLine).Assembly.GetTypes()
            .Select(t => t.Namespace)
            .Where(ns => ns is not null && ns.StartsWith("KEchoBench.Bench.", StringComparison.Ordinal))
            .Select(ns => ns!["KEchoBench.Bench.".Length..].Split('.')[0])
            .Distinct()
            .Where(top => !placed.Contains(top))
            .Order()
            .ToList();
        Assert.True(unplaced.Count == 0, "not in any layer of LayerTests.Layers (place them there and in docs/architecture.md): " + string.Join(", ", unplaced));
    }

    [Fact]
    public void ServersNamespacesHaveNoCycles() =>
        Slices().Matching("KEchoBench.Servers.(*)..").Should().BeFreeOfCycles().Check(Code);

    [Fact]
    public void BenchmarksNamespacesHaveNoCycles() =>
        Slices().Matching("KEchoBench.Bench.Benchmarks.(*)..").Should().BeFreeOfCycles().Check(Code);

    [Fact]
    public void ProgramNamespacesHaveNoCycles() =>
        Slices().Matching("KEchoBench.Bench.(*)..").Should().BeFreeOfCycles().Check(Code);

    /// <summary>
    /// Only the engines' own namespaces name a concrete engine: everything else reaches one through
    /// <see cref="EngineRegistry"/> and what its registration says, so a new engine is one file and one line.
    /// </summary>
    [Fact]
    public void ConcreteEnginesAreNamedOnlyWhereTheyAreRegistered()
    {
        IArchRule rule = Types().That().DoNotResideInNamespaceOrBelow("KEchoBench.Servers.Engines")
            .Should().NotDependOnAny(Types().That().AreAssignableTo(typeof(Engine)).And().AreNot(typeof(Engine)))
            .WithoutRequiringPositiveResults();
        rule.Check(Code);
    }
}
