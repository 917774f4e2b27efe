using KEchoBench.Tests.Results;
using Xunit;

namespace KEchoBench.Tests.Cli.LoadOutput;

/// <summary>
/// load's figures table with the shipped catalog: its rows by hand and nothing else. Every catalog
/// figure with a console column is one those rows already show, so the catalog adds no row of its own.
/// </summary>
public sealed class LoadSummaryTableTests
{
    [Fact]
    public void The_figures_table_has_its_rows_by_hand_only()
    {
        string[] lines = ThrowawayMetricTests.LoadTable().Split('\n');
        int last = Array.FindIndex(lines, l => l.Contains("clients served in full / failed", StringComparison.Ordinal));

        Assert.True(last > 0);
        Assert.StartsWith("╰", lines[last + 1], StringComparison.Ordinal);
        Assert.Equal(
            ["measure", "connections (established / requested)", "requests verified", "errors", "measured time", "throughput", "client CPU", "clients served in full / failed"],
            lines[..(last + 1)].Where(l => l.StartsWith('│')).Select(l => l.Split('│')[1].Trim()));
    }
}
