using KEchoBench.Bench.Processes;

namespace KEchoBench.Bench.Gate;

/// <summary>
/// Pairs measured on real servers: at each restart the base's and the head's servers are started
/// side by side, pinned, warmed, connected to the same load generator, then loaded one at a time.
/// The offered rate of the open loop is set once per case, at half the slower server's
/// warm-up throughput, and kept for every restart.
/// </summary>
internal sealed class ServerPairSource(string engine, AbSettings settings, Placement placement) : IPairSource
{
    public double OfferedRate { get; private set; }

    public async Task<IReadOnlyList<RoundPair>> RunRestartAsync(int restart, int firstIndex, IReadOnlyList<bool> headFirst, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(headFirst);
        await using var baseServer = await AbServer.StartAsync(settings.Base, engine, settings, cancellation).ConfigureAwait(false);
        await using var headServer = await AbServer.StartAsync(null, engine, settings, cancellation).ConfigureAwait(false);
        placement.PinServer(baseServer.Pid);
        placement.PinServer(headServer.Pid);

        double baseRate = await baseServer.WarmUpAsync(cancellation).ConfigureAwait(false);
        double headRate = await headServer.WarmUpAsync(cancellation).ConfigureAwait(false);
        if (OfferedRate == 0)
        {
            OfferedRate = Math.Max(100, Math.Round(Math.Min(baseRate, headRate) / 2));
        }

        await baseServer.OpenRateAsync(OfferedRate, cancellation).ConfigureAwait(false);
        await headServer.OpenRateAsync(OfferedRate, cancellation).ConfigureAwait(false);

        // Threads the servers started while warming up inherited the generator's CPU from their
        // creator only if it was not pinned yet: pin again now that they exist.
        placement.PinServer(baseServer.Pid);
        placement.PinServer(headServer.Pid);

        var pairs = new List<RoundPair>();
        for (int i = 0; i < headFirst.Count; i++)
        {
            int index = firstIndex + i;
            SideRound b, h;
            if (headFirst[i])
            {
                h = await headServer.MeasureAsync(index, cancellation).ConfigureAwait(false);
                b = await baseServer.MeasureAsync(index, cancellation).ConfigureAwait(false);
            }
            else
            {
                b = await baseServer.MeasureAsync(index, cancellation).ConfigureAwait(false);
                h = await headServer.MeasureAsync(index, cancellation).ConfigureAwait(false);
            }

            if (b.Errors > 0 || h.Errors > 0)
            {
                throw new EchoErrorsException($"{engine}: the {(b.Errors > 0 ? "base" : "head")}'s server gave {Math.Max(b.Errors, h.Errors)} errors in pair {index}: a server that drops or garbles echoes cannot be timed");
            }

            pairs.Add(new RoundPair(index, restart, headFirst[i], b, h));
        }

        return pairs;
    }
}
