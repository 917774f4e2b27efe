namespace KEchoBench.Bench.Check;

/// <summary>One check in <c>check --json</c>.</summary>
public sealed record CheckDocumentRow(string Name, string Status, string Reason, CheckEvidence? Evidence, double Seconds);
