using KEchoBench.Servers.Engines;
using ScottPlot;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// One colour and one place in every legend, table and finding per engine, so that a reader who
/// learned "orange is workqueue" on the first plot can trust it on the last. Registered engines
/// take their order and colour from <see cref="EngineRegistry"/>; others (external servers) follow.
/// </summary>
internal static class EngineStyle
{
    // Category10. Registered engines carry their own colours (EngineRegistry); servers it does not
    // know take, in order, the ones no registered engine carries.
    private static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"),
        Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    ];

    /// <summary>Orders engine names: registered engines first in registry order, then any others alphabetically.</summary>
    public static IReadOnlyList<string> Order(IEnumerable<string> engines)
    {
        var registered = EngineRegistry.All;
        return [.. engines.Distinct(StringComparer.Ordinal).OrderBy(e => Rank(registered, e)).ThenBy(e => e, StringComparer.Ordinal)];
    }

    public static Color ColorOf(string engine, IReadOnlyList<string> orderedEngines)
    {
        var registered = EngineRegistry.All;
        int known = IndexOf(registered, engine);
        if (known >= 0)
        {
            return Color.FromHex(registered[known].Colour);
        }

        var taken = registered.Select(d => Color.FromHex(d.Colour)).ToHashSet();
        var free = Palette.Where(c => !taken.Contains(c)).ToArray();
        int others = orderedEngines.Where(e => IndexOf(registered, e) < 0).ToList().IndexOf(engine);
        return free.Length > 0 ? free[Math.Max(others, 0) % free.Length] : Palette[Math.Max(others, 0) % Palette.Length];
    }

    private static int Rank(IReadOnlyList<EngineDescriptor> registered, string engine)
    {
        int known = IndexOf(registered, engine);
        return known >= 0 ? known : registered.Count;
    }

    private static int IndexOf(IReadOnlyList<EngineDescriptor> registered, string engine)
    {
        for (int i = 0; i < registered.Count; i++)
        {
            if (string.Equals(registered[i].Name, engine, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
