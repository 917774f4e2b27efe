namespace KEchoBench.Bench.Check;

/// <summary>
/// <c>echo</c>: every message length from 1 to <see cref="CheckSettings.MaxLength"/>, one at a
/// time on one connection, must come back exactly: no byte more (kecho's <c>strlen</c> over-read,
/// the whole-buffer reply), none less (a reply cut at 4095 bytes), none different.
/// </summary>
internal sealed class ExactEchoCheck : EchoCheck
{
    public const string CheckName = "echo";

    public override string Name => CheckName;

    public override string Description => "every message length 1..max, one at a time, comes back exactly: no byte more, none less";

    public override async Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellation)
    {
        int max = context.Settings.MaxLength;
        using var connection = await context.ConnectAsync(cancellation).ConfigureAwait(false);
        long position = 0;
        for (int length = 1; length <= max; length++)
        {
            await connection.EchoAsync(CheckPattern.Bytes(0, position, length), cancellation).ConfigureAwait(false);
            position += length;
        }

        // Extra bytes after the last reply have no next message to show up in: listen for them.
        byte[] extra = await connection.ReceiveUnexpectedAsync(cancellation).ConfigureAwait(false);
        if (extra.Length > 0)
        {
            EchoVerdict.Verify(CheckPattern.Bytes(0, position - max, max), new Received(CheckPattern.Bytes(0, position - max, max), StreamEnd.Complete), extra, context.Settings);
        }

        return CheckOutcome.Pass($"{max:N0} messages of 1..{max:N0} bytes ({CheckText.Bytes(position)}) each came back exactly");
    }
}
