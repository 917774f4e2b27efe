namespace KEchoBench.Bench.Gate;

/// <summary>
/// What one server gave in one pair: a closed-loop round (time, CPU and counts per request) and
/// an open-loop round at the case's offered rate (p99). <see cref="StealFraction"/> is the share
/// of the machine's CPU time its hypervisor took during the closed round.
/// </summary>
internal sealed record SideRound(IReadOnlyDictionary<string, double> Values, double StealFraction, long Requests, long Errors)
{
    public double this[GateMetric metric] => Values.TryGetValue(metric.Name, out double value) ? value : double.NaN;
}
