using System.Diagnostics.Metrics;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Engines;
using KEchoBench.Servers.Statistics;
using KEchoBench.Tests.Support;
using Xunit;

namespace KEchoBench.Tests.Servers;

/// <summary>
/// The serve meter, read as dotnet-counters reads it (a MeterListener collecting the observable
/// instruments): the engine's own counters and each model's gauges, with two clients connected.
/// </summary>
public sealed class ServerMeterTests
{
    private const int Clients = 2;
    private const int Bytes = 1000;

    [Theory]
    [InlineData("thread", new string[0])]
    [InlineData("workqueue", new[] { "kechobench.workqueue.queued_sessions", "kechobench.workqueue.busy_workers" })]
    [InlineData("cmwq", new[] { "kechobench.cmwq.work_items.waiting", "kechobench.cmwq.work_items.running" })]
    [InlineData("eventloop", new[] { "kechobench.eventloop.connections" })]
    [InlineData("uring", new[] { "kechobench.uring.connections", "kechobench.uring.sends_in_flight" })]
    public async Task The_meter_shows_what_the_engine_counted_and_its_model_s_gauges(string engineName, string[] modelInstruments)
    {
        await using var engine = EngineRegistry.Create(engineName, new EngineOptions { Port = 0, Workers = 2 });
        engine.Start();
        using var meter = new ServerMeter(engine);

        var clients = new List<EchoClient>();
        try
        {
            for (int i = 0; i < Clients; i++)
            {
                var client = await EchoClient.ConnectAsync(engine.LocalEndPoint);
                clients.Add(client);
                Assert.Equal(Payloads.Random(Bytes, i), await client.EchoAsync(Payloads.Random(Bytes, i)));
            }

            await Eventually.TrueAsync(() => engine.Statistics.BytesSent == Clients * Bytes, "every byte echoed");
            // The workqueue's workers pick their sessions up asynchronously.
            await Eventually.TrueAsync(() => engine is not WorkqueueEngine w || w.BusyWorkers == Clients, "both workers busy");

            var seen = Collect();

            Assert.Equal(Clients, seen["kechobench.connections.accepted"].Single().Value);
            Assert.Equal(Clients, seen["kechobench.connections.active"].Single().Value);
            Assert.Equal(0, seen["kechobench.connections.rejected"].Single().Value);
            Assert.Equal(Clients * Bytes, seen["kechobench.bytes.received"].Single().Value);
            Assert.Equal(Clients * Bytes, seen["kechobench.bytes.sent"].Single().Value);
            Assert.Equal(Enum.GetNames<ErrorKind>().Order(), seen["kechobench.errors"].Select(m => m.Tag("error.kind")).Order());
            Assert.All(seen["kechobench.errors"], m => Assert.Equal(0, m.Value));
            Assert.All(seen.Values.SelectMany(m => m), m => Assert.Equal(engineName, m.Tag("engine")));
            Assert.All(modelInstruments, name => Assert.True(seen.ContainsKey(name), $"{name} missing"));
            Assert.DoesNotContain(seen.Keys, name => name.Split('.')[1] is "workqueue" or "cmwq" or "eventloop" or "uring" && !modelInstruments.Contains(name));

            switch (engineName)
            {
                case "workqueue":
                    Assert.Equal(Clients, seen["kechobench.workqueue.busy_workers"].Single().Value);
                    Assert.Equal(0, seen["kechobench.workqueue.queued_sessions"].Single().Value);
                    break;
                case "cmwq":
                    // Idle connections hold no work item.
                    Assert.Equal(0, seen["kechobench.cmwq.work_items.waiting"].Single().Value);
                    Assert.Equal(0, seen["kechobench.cmwq.work_items.running"].Single().Value);
                    break;
                case "eventloop":
                    var loops = seen["kechobench.eventloop.connections"];
                    Assert.Equal(["0", "1"], loops.Select(m => m.Tag("loop")).Order());
                    Assert.Equal(Clients, loops.Sum(m => m.Value));
                    break;
                case "uring":
                    var rings = seen["kechobench.uring.connections"];
                    Assert.Equal(["0", "1"], rings.Select(m => m.Tag("loop")).Order());
                    Assert.Equal(Clients, rings.Sum(m => m.Value));
                    // Every echo has completed: no send waits for a reader.
                    Assert.All(seen["kechobench.uring.sends_in_flight"], m => Assert.Equal(0, m.Value));
                    break;
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private static Dictionary<string, List<Seen>> Collect()
    {
        var seen = new Dictionary<string, List<Seen>>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ServerMeter.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;

        void Add(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (!seen.TryGetValue(instrument.Name, out var list))
            {
                seen[instrument.Name] = list = [];
            }

            list.Add(new Seen(value, tags.ToArray().ToDictionary(t => t.Key, t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture))));
        }
    }

    private sealed record Seen(long Value, Dictionary<string, string?> Tags)
    {
        public string? Tag(string name) => Tags.GetValueOrDefault(name);
    }
}
