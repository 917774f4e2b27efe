using KEchoBench.Servers.Engines;
using Xunit;

namespace KEchoBench.Tests.Conformance;

public sealed class EngineCoverageTests
{
    [Fact]
    public void EveryRegisteredEngineRunsTheConformanceSuite()
    {
        var missing = EnginesWithoutConformance();
        Assert.True(missing.Count == 0, $"engines without a conformance subclass: {string.Join(", ", missing)}");
    }

    /// <summary>The registered engines no conformance subclass runs (the guard's list).</summary>
    internal static List<string> EnginesWithoutConformance()
    {
        var covered = typeof(EngineConformanceTests).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(EngineConformanceTests)))
            .Select(t => ((EngineConformanceTests)Activator.CreateInstance(t)!).EngineName)
            .ToHashSet(StringComparer.Ordinal);

        return [.. EngineRegistry.Names.Where(n => !covered.Contains(n))];
    }

    [Fact]
    public void EngineNamesAreUniqueAndLowerCase()
    {
        var names = EngineRegistry.Names.ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.Equal(n.ToLowerInvariant(), n));
        Assert.Equal(["thread", "workqueue", "cmwq", "eventloop", "uring"], names);
    }
}
