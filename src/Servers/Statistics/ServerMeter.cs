using System.Diagnostics.Metrics;

namespace KEchoBench.Servers.Statistics;

/// <summary>
/// A running engine's counters as a System.Diagnostics.Metrics meter named <see cref="Name"/>, so
/// that <c>dotnet-counters monitor -n kechobench --counters KEchoBench.Server</c> (or any
/// MeterListener, OpenTelemetry...) shows a live server. Every instrument is observable: it reads
/// the counters the engine keeps anyway, when a listener asks (once per refresh interval), so the
/// echo path records nothing more than it did without a meter.
/// </summary>
internal sealed class ServerMeter : IDisposable
{
    public const string Name = "KEchoBench.Server";

    private readonly Meter _meter;

    public ServerMeter(IMeteredEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _meter = new Meter(Name, typeof(ServerMeter).Assembly.GetName().Version?.ToString());
        var statistics = engine.Statistics;
        var tag = new KeyValuePair<string, object?>("engine", engine.Name);

        _meter.CreateObservableCounter("kechobench.connections.accepted", () => new Measurement<long>(statistics.Accepted, tag), "{connection}", "Connections accepted since the server started");
        _meter.CreateObservableCounter("kechobench.connections.rejected", () => new Measurement<long>(statistics.Rejected, tag), "{connection}", "Connections closed at once because the server was full (--max-connections)");
        _meter.CreateObservableUpDownCounter("kechobench.connections.active", () => new Measurement<long>(statistics.Active, tag), "{connection}", "Connections accepted and not yet closed");
        _meter.CreateObservableCounter("kechobench.bytes.received", () => new Measurement<long>(statistics.BytesReceived, tag), "By", "Bytes received from clients");
        _meter.CreateObservableCounter("kechobench.bytes.sent", () => new Measurement<long>(statistics.BytesSent, tag), "By", "Bytes echoed back to clients");
        _meter.CreateObservableCounter("kechobench.errors", () => Errors(statistics, tag), "{error}", "Errors by kind (error.kind)");

        engine.AddOwnInstruments(_meter, tag);
    }

    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> Errors(EngineStatistics statistics, KeyValuePair<string, object?> engine) =>
        Enum.GetValues<ErrorKind>().Select(kind => new Measurement<long>(statistics.Errors(kind), engine, new KeyValuePair<string, object?>("error.kind", kind.ToString())));
}
