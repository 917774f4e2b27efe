namespace KEchoBench.Bench.Check;

/// <summary>
/// <c>pipelined</c>: the same messages sent back to back without waiting, while the replies are
/// read: the stream that comes back is exactly the stream sent, however the server's reads cut it.
/// </summary>
internal sealed class PipelinedEchoCheck : EchoCheck
{
    public override string Name => "pipelined";

    public override string Description => "the same messages sent back to back without waiting: the echoed stream is exactly the stream sent";

    public override IReadOnlyList<string> Needs => [ExactEchoCheck.CheckName];

    public override async Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellation)
    {
        int max = context.Settings.MaxLength;
        long total = (long)max * (max + 1) / 2;
        using var connection = await context.ConnectAsync(cancellation).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var writing = Task.Run(
            async () =>
            {
                long position = 0;
                for (int length = 1; length <= max; length++)
                {
                    await connection.SendAsync(CheckPattern.Bytes(1, position, length), stop.Token).ConfigureAwait(false);
                    position += length;
                }
            },
            stop.Token);

        try
        {
            long position = 0;
            const int Chunk = 64 * 1024;
            while (position < total)
            {
                int want = (int)Math.Min(Chunk, total - position);
                var echo = await connection.ReceiveAsync(want, cancellation).ConfigureAwait(false);
                byte[] sent = CheckPattern.Bytes(1, position, want);
                byte[] extra = position + want == total && echo.End == StreamEnd.Complete ? await connection.ReceiveUnexpectedAsync(cancellation).ConfigureAwait(false) : [];
                if (echo.End != StreamEnd.Complete || !echo.Data.AsSpan().SequenceEqual(sent) || extra.Length > 0)
                {
                    // Reported as one stream: "sent N bytes" counts the whole pipeline.
                    EchoVerdict.Verify(
                        CheckPattern.Bytes(1, 0, (int)Math.Min(total, position + want)),
                        new Received([.. CheckPattern.Bytes(1, 0, (int)position), .. echo.Data], echo.End),
                        extra,
                        context.Settings,
                        $"{max:N0} messages back to back");
                }

                position += want;
            }

            await writing.ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(writing).ConfigureAwait(false);
        }

        return CheckOutcome.Pass($"{max:N0} messages of 1..{max:N0} bytes sent back to back ({CheckText.Bytes(total)}) came back exactly, in order");
    }
}
