namespace KEchoBench.Bench.Reports;

/// <summary>What the interval of a ratio x ÷ y says about x against y.</summary>
internal enum Difference
{
    /// <summary>The interval includes 1 (within <see cref="Uncertainty.Margin"/>), or there is none: the data cannot tell the two apart.</summary>
    NotDistinguishable,

    /// <summary>The whole interval lies below 1 ÷ (1 + margin): x is smaller.</summary>
    Lower,

    /// <summary>The whole interval lies above 1 + margin: x is larger.</summary>
    Higher,
}
