namespace KEchoBench.Bench.Check;

/// <summary>
/// <c>large</c>: tens of MiB to a client that first reads nothing, then reads slowly in small
/// reads: every byte comes back in order, and meanwhile another client is still answered (a
/// server that blocks on one slow reader stops serving everyone else).
/// </summary>
internal sealed class LargePayloadCheck : EchoCheck
{
    private const int ClientBuffer = 64 * 1024;
    private const int ReadSize = 4096;
    private const int PauseEvery = 256 * 1024;
    private static readonly TimeSpan Stall = TimeSpan.FromMilliseconds(500);

    public override string Name => "large";

    public override string Description => "tens of MiB to a slow reader come back complete and in order, while another client is still served";

    public override IReadOnlyList<string> Needs => [ExactEchoCheck.CheckName, IsolationCheck.CheckName];

    public override TimeSpan Budget(CheckSettings settings) => (settings.Timeout * 6) + TimeSpan.FromSeconds(settings.LargeSize / (4.0 * 1024 * 1024));

    public override async Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellation)
    {
        long size = context.Settings.LargeSize;
        using var big = await context.ConnectAsync(cancellation, ClientBuffer).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var writing = Task.Run(() => WriteAsync(big, size, stop.Token), stop.Token);
        try
        {
            // Read nothing at first: the server's sends must stall without stalling everyone.
            await Task.Delay(Stall, cancellation).ConfigureAwait(false);
            await OtherClientServedAsync(context, "before it read anything", cancellation).ConfigureAwait(false);

            var buffer = new byte[ReadSize];
            long position = 0;
            bool probedMidway = false;
            while (position < size)
            {
                var chunk = await big.ReceiveAsync((int)Math.Min(ReadSize, size - position), cancellation).ConfigureAwait(false);
                CheckPattern.Fill(buffer.AsSpan(0, chunk.Count), 2, position);
                int differs = HexDump.FirstDifference(buffer.AsSpan(0, chunk.Count), chunk.Data);
                if (differs >= 0)
                {
                    throw new CheckFailedException(
                        $"of {CheckText.Bytes(size)} sent, byte {position + differs:N0} came back wrong: the stream is corrupted, reordered or has bytes missing",
                        HexDump.Evidence(buffer.AsSpan(0, chunk.Count), chunk.Data, differs, position));
                }

                position += chunk.Count;
                if (chunk.End != StreamEnd.Complete)
                {
                    throw new CheckFailedException($"of {CheckText.Bytes(size)} sent, {position:N0} came back before {Ending(chunk.End, context.Settings)}");
                }

                if (position % PauseEvery < ReadSize)
                {
                    await Task.Delay(1, cancellation).ConfigureAwait(false);
                }

                if (!probedMidway && position >= size / 2)
                {
                    probedMidway = true;
                    await OtherClientServedAsync(context, "half-way through", cancellation).ConfigureAwait(false);
                }
            }

            await writing.ConfigureAwait(false);
            byte[] extra = await big.ReceiveUnexpectedAsync(cancellation).ConfigureAwait(false);
            if (extra.Length > 0)
            {
                throw new CheckFailedException($"sent {CheckText.Bytes(size)}, got {size + extra.Length:N0}: the server echoes more than it received", HexDump.Evidence([], extra, 0, size));
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(writing).ConfigureAwait(false);
        }

        return CheckOutcome.Pass($"{CheckText.Bytes(size)} came back in order to a slow reader; another client was served meanwhile");
    }

    private static string Ending(StreamEnd end, CheckSettings settings) => end switch
    {
        StreamEnd.Closed => "the server closed the connection",
        StreamEnd.Reset => "the server reset the connection",
        _ => $"the echo stopped for {CheckText.Seconds(settings.Timeout)}",
    };

    private static async Task WriteAsync(CheckConnection connection, long size, CancellationToken cancellation)
    {
        var chunk = new byte[64 * 1024];
        for (long position = 0; position < size; position += chunk.Length)
        {
            int length = (int)Math.Min(chunk.Length, size - position);
            CheckPattern.Fill(chunk.AsSpan(0, length), 2, position);
            await connection.SendAsync(chunk.AsMemory(0, length), cancellation).ConfigureAwait(false);
        }
    }

    private static async Task OtherClientServedAsync(CheckContext context, string when, CancellationToken cancellation)
    {
        try
        {
            using var other = await context.ConnectAsync(cancellation).ConfigureAwait(false);
            await other.EchoAsync(CheckPattern.Tagged(3, 0, 64), cancellation).ConfigureAwait(false);
        }
        catch (CheckFailedException e)
        {
            throw new CheckFailedException($"while one client read slowly ({when}), another was not served: {e.Message}", e.Evidence);
        }
    }
}
