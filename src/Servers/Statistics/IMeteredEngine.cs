using System.Diagnostics.Metrics;

namespace KEchoBench.Servers.Statistics;

/// <summary>
/// What <see cref="ServerMeter"/> reads of a running engine: its name, the counters every engine
/// keeps, and the instruments only this engine has (its queue, its workers, its loops), which the
/// engine adds itself so that the meter never has to know which engine it watches.
/// </summary>
internal interface IMeteredEngine
{
    string Name { get; }

    EngineStatistics Statistics { get; }

    /// <summary>Adds this engine's own observable instruments to <paramref name="meter"/>, each tagged with <paramref name="engineTag"/>.</summary>
    void AddOwnInstruments(Meter meter, KeyValuePair<string, object?> engineTag);
}
