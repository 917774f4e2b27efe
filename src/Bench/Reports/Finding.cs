namespace KEchoBench.Bench.Reports;

/// <summary>One plain sentence computed from the data, filed under the scenario it is about ("run" for the run as a whole).</summary>
internal sealed record Finding(string Scenario, string Text);
