namespace KEchoBench.Bench.Results;

/// <summary>
/// One figure of an iteration, as every part of the program names it: its short name (the one
/// <c>compare --metric</c> takes), words, unit, which way is better, and how <c>bench</c> shows it
/// as a column (BenchmarkDotNet's, and its console summary's), how the report's scenario tables do,
/// how the report's verdict ranks it, and how the A/B gate compares it. The figures themselves are in <see cref="Metrics"/>.
/// </summary>
internal sealed class IterationMetric
{
    private readonly Func<IterationResult, double?> _value;

    public IterationMetric(string name, string description, string unit, bool higherIsBetter, IterationColumn? column, Func<IterationResult, double?> value, ConsoleColumn? consoleColumn = null, ReportColumn? reportColumn = null, GateUse? gate = null, VerdictUse? verdict = null)
    {
        Name = name;
        Description = description;
        Unit = unit;
        HigherIsBetter = higherIsBetter;
        Column = column;
        ConsoleColumn = consoleColumn;
        ReportColumn = reportColumn;
        Gate = gate;
        Verdict = verdict;
        _value = value;
    }

    /// <summary>The short, stable name (<c>p99</c>, <c>cpu</c>).</summary>
    public string Name { get; }

    /// <summary>The figure in a few words, for help texts and messages.</summary>
    public string Description { get; }

    public string Unit { get; }

    /// <summary>True for throughput: more is better. Every other figure is better lower.</summary>
    public bool HigherIsBetter { get; }

    /// <summary>How <c>bench</c> shows the figure as a column of its own; null for a figure that is none (time per request is BenchmarkDotNet's own).</summary>
    public IterationColumn? Column { get; }

    /// <summary>How <c>bench</c>'s console summary table shows the figure; null for a figure it leaves out.</summary>
    public ConsoleColumn? ConsoleColumn { get; }

    /// <summary>How the report's per-scenario tables show the figure; null for a figure they leave out.</summary>
    public ReportColumn? ReportColumn { get; }

    /// <summary>How the A/B gate (<c>ab</c>) compares the figure; null for a figure it does not.</summary>
    public GateUse? Gate { get; }

    /// <summary>How the report's verdict ranks the figure; null for a figure it does not.</summary>
    public VerdictUse? Verdict { get; }

    /// <summary>How the report draws the figure against clients; null for a figure it does not plot.</summary>
    public SweepPlot? Plot { get; init; }

    /// <summary>The figure of one iteration (or a case's overall figures); null when it does not have it (no server CPU for an unknown process, no latency without a completed request).</summary>
    public double? ValueOf(IterationResult iteration) => _value(iteration);

    public override string ToString() => Name;
}
