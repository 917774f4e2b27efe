using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Statistics;

namespace KEchoBench.Servers.Engines;

/// <summary>
/// What every <see cref="ChunkWork"/> of one <c>cmwq</c> engine shares, held once by the engine
/// so that a connection carries a single reference to it rather than six fields.
/// </summary>
internal sealed record ChunkWorkSettings(
    EngineOptions Options,
    EngineStatistics Statistics,
    ReadinessThread Readiness,
    Action<ChunkWork> Ended,
    Action<ChunkWork, Exception> Faulted,
    CancellationToken Stopping);
