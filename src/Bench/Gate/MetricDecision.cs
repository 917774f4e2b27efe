namespace KEchoBench.Bench.Gate;

/// <summary>The paired decision for one metric of one case: median ratio head/base, its interval, the test's p-value.</summary>
internal sealed record MetricDecision(
    string Metric,
    int Pairs,
    double MedianRatio,
    double IntervalLow,
    double IntervalHigh,
    double PValue,
    double Margin,
    GateOutcome Outcome);
