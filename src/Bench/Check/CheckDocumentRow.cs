namespace KEchoBench.Bench.Check;

/// <summary>One check in <c>check --json</c>.</summary>
internal sealed record CheckDocumentRow(string Name, string Status, string Reason, CheckEvidence? Evidence, double Seconds);
