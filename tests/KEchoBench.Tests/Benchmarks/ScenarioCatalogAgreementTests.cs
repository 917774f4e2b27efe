using KEchoBench.Bench.Benchmarks.Scenarios;
using KEchoBench.Bench.Results;
using Xunit;

namespace KEchoBench.Tests.Benchmarks;

/// <summary>
/// A scenario is named twice by necessity: <see cref="ScenarioCatalog"/> (name, purpose, story order)
/// sits below the benchmarks so that results and reports can use it, and <see cref="ScenarioTypes"/>
/// maps the names to the benchmark classes. These tests make the two one registration: same names,
/// same order, every benchmark class listed, and each class answering to the name it is listed under.
/// </summary>
public sealed class ScenarioCatalogAgreementTests
{
    private static readonly Type[] ScenarioClasses =
    [
        .. typeof(ScenarioBenchmark).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.IsSubclassOf(typeof(ScenarioBenchmark))),
    ];

    [Fact]
    public void The_catalog_and_the_benchmark_classes_name_the_same_scenarios_in_the_same_order() =>
        Assert.Equal(ScenarioCatalog.Names, ScenarioTypes.Names);

    [Fact]
    public void Every_benchmark_class_is_listed_once()
    {
        Assert.NotEmpty(ScenarioClasses);
        Assert.Equal(ScenarioClasses.OrderBy(t => t.FullName), ScenarioTypes.All.Select(s => s.Type).OrderBy(t => t.FullName));
    }

    [Fact]
    public void Each_class_answers_to_the_name_it_is_listed_under()
    {
        foreach (var (name, type) in ScenarioTypes.All)
        {
            var benchmark = (ScenarioBenchmark)Activator.CreateInstance(type)!;
            Assert.Equal(name, benchmark.Scenario);
        }
    }

    [Fact]
    public void Every_scenario_has_a_purpose_of_its_own() =>
        Assert.All(ScenarioCatalog.Names, name =>
            Assert.NotEqual(ScenarioCatalog.PurposeOf("not-a-scenario"), ScenarioCatalog.PurposeOf(name)));

    [Fact]
    public void The_catalog_orders_scenarios_as_it_lists_them() =>
        Assert.Equal(ScenarioCatalog.Names, ScenarioCatalog.Order(ScenarioCatalog.Names.Reverse()));
}
