namespace KEchoBench.Bench.Gate;

/// <summary>One round of the base and one of the head, run back to back in the order drawn for it.</summary>
internal sealed record RoundPair(int Index, int Restart, bool HeadFirst, SideRound Base, SideRound Head)
{
    /// <summary>
    /// head / base for <paramref name="metric"/>, each side plus the metric's floor: 1 when both are
    /// zero (a count neither made), NaN when only the base is.
    /// </summary>
    public double Ratio(GateMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        double b = Base[metric] + metric.Floor;
        double h = Head[metric] + metric.Floor;
        return b == 0 && h == 0 ? 1 : b == 0 ? double.NaN : h / b;
    }

    /// <summary>Whether both sides measured <paramref name="metric"/> (a base that cannot report allocations does not).</summary>
    public bool Measured(GateMetric metric) => Base.Values.ContainsKey(metric.Name) && Head.Values.ContainsKey(metric.Name);

    /// <summary>The larger steal share of the two rounds.</summary>
    public double StealFraction => Math.Max(Base.StealFraction, Head.StealFraction);
}
