namespace KEchoBench.Bench.Check;

/// <summary>Everything one <c>check</c> run found: the target, one result per check, and the counts.</summary>
internal sealed record CheckReport(string Target, string? Engine, IReadOnlyList<CheckResult> Checks, double Seconds)
{
    public int Passed => Checks.Count(c => c.Status == CheckStatus.Pass);

    public int Failed => Checks.Count(c => c.Status == CheckStatus.Fail);

    public int Skipped => Checks.Count(c => c.Status == CheckStatus.Skipped);

    public CheckResult this[string name] => Checks.Single(c => c.Name == name);

    /// <summary>"12 checks: 10 pass, 1 FAIL, 1 skipped in 4.2 s".</summary>
    public string Summary =>
        $"{Checks.Count} checks: {Passed} pass, {Failed} FAIL, {Skipped} skipped in {Seconds:0.0} s" +
        (Failed > 0 ? $": defects found in {Target}" : string.Empty);
}
