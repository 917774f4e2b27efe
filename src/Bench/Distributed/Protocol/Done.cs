namespace KEchoBench.Bench.Distributed.Protocol;

/// <summary>A command that returns nothing has been carried out.</summary>
internal sealed record Done(string What);
