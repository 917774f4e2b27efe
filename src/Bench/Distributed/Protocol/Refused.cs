namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>An agent's answer to a command it did not run, and why (not admitted, invalid options, no such state).</summary>
internal sealed record Refused(string Reason);
