using ScottPlot;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// One colour and one place in every legend, table and finding per engine, so that a reader who
/// learned "orange is workqueue" on the first plot can trust it on the last.
/// </summary>
public static class EngineStyle
{
    /// <summary>The built-in engines in the order of the kernel story: thread → workqueue → CMWQ, then the epoll analogue.</summary>
    private static readonly string[] KnownOrder = ["thread", "workqueue", "cmwq", "eventloop"];

    // Category10: readable on white and distinguishable in print; external servers take the later colours.
    private static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"),
        Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    ];

    /// <summary>Orders engine names: built-in engines first in story order, then any others alphabetically.</summary>
    public static IReadOnlyList<string> Order(IEnumerable<string> engines) =>
        [.. engines.Distinct(StringComparer.Ordinal).OrderBy(Rank).ThenBy(e => e, StringComparer.Ordinal)];

    public static Color ColorOf(string engine, IReadOnlyList<string> orderedEngines)
    {
        int known = Array.IndexOf(KnownOrder, engine);
        if (known >= 0)
        {
            return Palette[known];
        }

        int others = orderedEngines.Where(e => Array.IndexOf(KnownOrder, e) < 0).ToList().IndexOf(engine);
        return Palette[(KnownOrder.Length + Math.Max(others, 0)) % Palette.Length];
    }

    private static int Rank(string engine)
    {
        int known = Array.IndexOf(KnownOrder, engine);
        return known >= 0 ? known : KnownOrder.Length;
    }
}
