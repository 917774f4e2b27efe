using KEchoBench.Servers.Engines;
using Xunit;

namespace KEchoBench.Tests.Conformance;

public sealed class EngineCoverageTests
{
    [Fact]
    public void EveryRegisteredEngineRunsTheConformanceSuite()
    {
        var covered = typeof(EngineConformanceTests).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(EngineConformanceTests)))
            .Select(t => ((EngineConformanceTests)Activator.CreateInstance(t)!).EngineName)
            .ToHashSet(StringComparer.Ordinal);

        var missing = EngineRegistry.Names.Where(n => !covered.Contains(n)).ToList();
        Assert.True(missing.Count == 0, $"engines without a conformance subclass: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EngineNamesAreUniqueAndLowerCase()
    {
        var names = EngineRegistry.Names.ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.Equal(n.ToLowerInvariant(), n));
        Assert.Equal(["thread", "workqueue", "cmwq", "eventloop"], names);
    }
}
