namespace KEchoBench.Bench.Check;

/// <summary>
/// <c>reset</c>: clients that reset their connections (RST) with data still in flight end only
/// their own sessions: an established client keeps being served, new clients are accepted, and a
/// spawned server's process is still alive.
/// </summary>
internal sealed class ResetCheck : EchoCheck
{
    private const int RudeClients = 10;
    private const int PendingBytes = 64 * 1024;

    public override string Name => "reset";

    public override string Description => "clients that reset with data pending do not take the server down or disturb other clients";

    public override IReadOnlyList<string> Needs => [ExactEchoCheck.CheckName, IsolationCheck.CheckName];

    public override async Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellation)
    {
        using var steady = await context.ConnectAsync(cancellation).ConfigureAwait(false);
        await steady.EchoAsync(CheckPattern.Tagged(5, 0, 32), cancellation, "before any reset, the established client").ConfigureAwait(false);

        try
        {
            await Task.WhenAll(Enumerable.Range(0, RudeClients).Select(i => RudeAsync(context, i, cancellation))).ConfigureAwait(false);
        }
        catch (CheckFailedException e)
        {
            throw new CheckFailedException($"while {RudeClients} clients reset their connections with data pending, one of them was not served: {e.Message}", e.Evidence);
        }

        // Give the server time to run into the resets before asking it for more.
        await Task.Delay(context.Settings.Quiet, cancellation).ConfigureAwait(false);
        string after = $"after {RudeClients} clients reset their connections with data pending";
        await context.EnsureServerAliveAsync(after).ConfigureAwait(false);
        try
        {
            for (int m = 1; m <= 10; m++)
            {
                await steady.EchoAsync(CheckPattern.Tagged(5, m, 32), cancellation).ConfigureAwait(false);
            }
        }
        catch (CheckFailedException e)
        {
            throw new CheckFailedException($"{after}, an established client was no longer served: {e.Message}", e.Evidence);
        }

        try
        {
            using var fresh = await context.ConnectAsync(cancellation).ConfigureAwait(false);
            await fresh.EchoAsync(CheckPattern.Tagged(20, 0, 32), cancellation).ConfigureAwait(false);
        }
        catch (CheckFailedException e)
        {
            throw new CheckFailedException($"{after}, a new client was not served: {e.Message}", e.Evidence);
        }

        await context.EnsureServerAliveAsync(after).ConfigureAwait(false);
        return CheckOutcome.Pass($"{RudeClients} clients reset with data pending; the others were still served");
    }

    private static async Task RudeAsync(CheckContext context, int i, CancellationToken cancellation)
    {
        using var rude = await context.ConnectAsync(cancellation).ConfigureAwait(false);

        // Half of them are reset mid-conversation, the others before the server could answer at all.
        if (i % 2 == 0)
        {
            await rude.EchoAsync(CheckPattern.Tagged(6 + i, 0, 32), cancellation, $"client {i}, before its reset").ConfigureAwait(false);
        }

        await rude.SendAsync(CheckPattern.Bytes(6 + i, 32, PendingBytes), cancellation).ConfigureAwait(false);
        rude.Reset();
    }
}
