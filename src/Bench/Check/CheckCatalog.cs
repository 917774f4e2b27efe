namespace KEchoBench.Bench.Check;

/// <summary>Every check, in the order they run: the plain echo first (the others need it), the ones that may take the server down last.</summary>
internal static class CheckCatalog
{
    public static IReadOnlyList<EchoCheck> All { get; } =
    [
        new ExactEchoCheck(),
        new PipelinedEchoCheck(),
        new BinarySafetyCheck(),
        new TelnetLinesCheck(),
        new IsolationCheck(),
        new LargePayloadCheck(),
        new HalfCloseCheck(),
        new BurstCheck(),
        new ResetCheck(),
        new StopCheck(),
        new RebindCheck(),
        new DescriptorLimitCheck(),
    ];

    public static IEnumerable<string> Names => All.Select(c => c.Name);

    public static string AllowedNames => string.Join(", ", Names);

    /// <summary>The checks <c>--only</c> and <c>--skip</c> leave, in catalog order; unknown names are returned as problems.</summary>
    public static IReadOnlyList<EchoCheck> Select(IReadOnlyCollection<string> only, IReadOnlyCollection<string> skip, out IReadOnlyList<string> problems)
    {
        var errors = new List<string>();
        foreach (var (option, names) in new[] { ("--only", only), ("--skip", skip) })
        {
            foreach (string name in names.Where(n => !Names.Contains(n, StringComparer.Ordinal)))
            {
                errors.Add($"{option} '{name}': unknown check; allowed: {AllowedNames}");
            }
        }

        problems = errors;
        return [.. All.Where(c => (only.Count == 0 || only.Contains(c.Name)) && !skip.Contains(c.Name))];
    }
}
