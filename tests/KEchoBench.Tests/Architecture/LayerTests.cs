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
/// docs/architecture.md's layers as rules over the compiled program and engines library:
/// Cli → features (Benchmarks, Reports, Comparison, Gate, Check) → Load → Results → shared helpers
/// (Processes, RunEnvironment, Terminal, Timing) → Servers. A layer may use any layer below it and
/// none above; a feature uses no other feature; no namespace of a feature or of Servers is part of
/// a cycle; concrete engines are named only where they are registered.
/// </summary>
public sealed class LayerTests
{
    private static readonly ArchUnitNET.Domain.Architecture Code = new ArchLoader()
        .LoadAssemblies(typeof(KEchoBench.Bench.Cli.CommandLine).Assembly, typeof(Engine).Assembly)
        .Build();

    internal static readonly string[] Features = ["Benchmarks", "Reports", "Comparison", "Gate", "Check"];

    internal static readonly string[] Helpers = ["Processes", "RunEnvironment", "Terminal", "Timing"];

    private static IObjectProvider<IType> Below(string ns) =>
        Types().That().ResideInNamespaceOrBelow(ns).As(ns);

    private static IObjectProvider<IType> Any(string[] names) =>
        Types().That().ResideInNamespaceMatching($@"^KEchoBench\.Bench\.({string.Join('|', names)})(\..*)?$").As(string.Join(", ", names));

    private static readonly IObjectProvider<IType> Cli = Types().That().ResideInNamespaceOrBelow("KEchoBench.Bench.Cli").Or().ResideInNamespace("").As("Cli");

    private static readonly IObjectProvider<IType> FeatureLayer = Any(Features);

    private static readonly IObjectProvider<IType> Load = Below("KEchoBench.Bench.Load");

    private static readonly IObjectProvider<IType> Results = Below("KEchoBench.Bench.Results");

    private static readonly IObjectProvider<IType> HelperLayer = Any(Helpers);

    private static readonly IObjectProvider<IType> Program = Below("KEchoBench.Bench");

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

    [Fact]
    public void HelpersUseOnlyServers() => NotAbove(HelperLayer, Results, Load, FeatureLayer, Cli);

    [Fact]
    public void ResultsUseNoLoadFeatureOrCli() => NotAbove(Results, Load, FeatureLayer, Cli);

    [Fact]
    public void LoadUsesNoFeatureOrCli() => NotAbove(Load, FeatureLayer, Cli);

    [Fact]
    public void FeaturesDoNotUseCli() => NotAbove(FeatureLayer, Cli);

    public static TheoryData<string> FeatureNames => [.. Features];

    [Theory]
    [MemberData(nameof(FeatureNames))]
    public void AFeatureUsesNoOtherFeature(string feature) =>
        NotAbove(Below($"KEchoBench.Bench.{feature}"), Any([.. Features.Where(f => f != feature)]));

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
