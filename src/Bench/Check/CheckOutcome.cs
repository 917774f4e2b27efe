namespace KEchoBench.Bench.Check;

/// <summary>One check's verdict: a one-line reason in the user's words and, for a wrong echo, the evidence.</summary>
internal sealed record CheckOutcome(CheckStatus Status, string Reason, CheckEvidence? Evidence = null)
{
    public static CheckOutcome Pass(string reason) => new(CheckStatus.Pass, reason);

    public static CheckOutcome Fail(string reason, CheckEvidence? evidence = null) => new(CheckStatus.Fail, reason, evidence);

    public static CheckOutcome Skipped(string reason) => new(CheckStatus.Skipped, reason);
}
