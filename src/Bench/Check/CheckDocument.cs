using System.Text.Json;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Check;

/// <summary>The report for scripts (<c>check --json</c>): the same rows, with the status as <c>pass</c>, <c>FAIL</c> or <c>skipped</c>.</summary>
internal sealed record CheckDocument(string Target, string? Engine, int Passed, int Failed, int Skipped, double Seconds, string Summary, IReadOnlyList<CheckDocumentRow> Checks)
{
    public static CheckDocument From(CheckReport report) => new(
        report.Target,
        report.Engine,
        report.Passed,
        report.Failed,
        report.Skipped,
        Math.Round(report.Seconds, 3),
        report.Summary,
        [.. report.Checks.Select(c => new CheckDocumentRow(c.Name, CheckTable.Label(c.Status), c.Reason, c.Evidence, Math.Round(c.Seconds, 3)))]);

    public string ToJson() => JsonSerializer.Serialize(this, RunResultStore.JsonOptions);

    public static CheckDocument Parse(string json) =>
        JsonSerializer.Deserialize<CheckDocument>(json, RunResultStore.JsonOptions) ?? throw new InvalidDataException("empty check document");
}
