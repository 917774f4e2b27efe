namespace KEchoBench.Bench.Check;

/// <summary>One row of the report: which check, its verdict, how long it took.</summary>
internal sealed record CheckResult(string Name, CheckStatus Status, string Reason, CheckEvidence? Evidence, double Seconds);
