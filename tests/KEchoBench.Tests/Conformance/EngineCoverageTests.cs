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

    /// <summary>
    /// Read off the registry, not a list kept here: names are what users type (unique, lower case)
    /// and each engine's colour is its own in every plot, so no two registrations may share one.
    /// </summary>
    [Fact]
    public void RegisteredNamesAndColoursAreUniqueAndUsable()
    {
        var registered = EngineRegistry.All;
        Assert.NotEmpty(registered);
        Assert.Equal(registered.Count, registered.Select(d => d.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(registered.Count, registered.Select(d => d.Colour).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(registered, d =>
        {
            Assert.Equal(d.Name.ToLowerInvariant(), d.Name);
            Assert.Matches("^#[0-9a-fA-F]{6}$", d.Colour);
        });
        Assert.Equal(registered[0].Name, EngineRegistry.Baseline);
    }
}
