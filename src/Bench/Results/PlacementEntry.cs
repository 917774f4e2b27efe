namespace KEchoBench.Bench.Results;

/// <summary>Where one part of a distributed run ran: the host, its cluster address, its role (server, load, coordinator), the cores it could use, and what it ran.</summary>
internal sealed record PlacementEntry(string Role, string Host, string Address, int Cores, string Ran);
