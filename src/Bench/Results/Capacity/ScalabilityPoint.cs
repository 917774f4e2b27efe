namespace KEchoBench.Bench.Results;

/// <summary>One measured point of a closed-loop sweep: <paramref name="Clients"/> and the requests/s they got.</summary>
internal sealed record ScalabilityPoint(int Clients, double RequestsPerSecond);
