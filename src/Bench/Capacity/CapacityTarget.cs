using System.Net;

namespace KEchoBench.Bench.Capacity;

/// <summary>A server a capacity search runs against: a built-in engine it starts itself (<paramref name="External"/> null) or one already listening.</summary>
internal sealed record CapacityTarget(string Name, IPEndPoint? External, int? ExternalPid);
