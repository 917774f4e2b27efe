namespace KEchoBench.Bench.Check;

/// <summary>
/// <c>rebind</c> (<c>--spawn</c> only): a server stopped while a client was connected can be
/// started again on the same port at once. kecho could not be reloaded: "Address already in use".
/// </summary>
internal sealed class RebindCheck : EchoCheck
{
    public override string Name => "rebind";

    public override string Description => "(--spawn) a server stopped with a client connected restarts on the same port at once";

    public override bool SpawnOnly => true;

    public override async Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellation)
    {
        int port;
        await using (var first = await context.SpawnAsync(0, cancellation).ConfigureAwait(false))
        {
            port = first.EndPoint.Port;

            // The server closes first on stop, so its side of this connection lingers in TIME_WAIT.
            using var client = await new CheckContext(first.EndPoint, context.Settings).ConnectAsync(cancellation).ConfigureAwait(false);
            await client.EchoAsync(CheckPattern.Tagged(40, 0, 32), cancellation).ConfigureAwait(false);
            var exit = await first.StopAsync(context.Settings.Timeout).ConfigureAwait(false);
            if (!exit.Clean)
            {
                return CheckOutcome.Fail($"the first server did not stop cleanly (exit code {exit.ExitCode}{(exit.Killed ? ", killed" : string.Empty)}), so the port could not be tried again");
            }
        }

        Processes.ServerProcess again;
        try
        {
            again = await context.SpawnAsync(port, cancellation).ConfigureAwait(false);
        }
        catch (CheckFailedException e)
        {
            return CheckOutcome.Fail($"restarted at once on port {port}, the server failed: {e.Message.Trim()}");
        }

        await using (again)
        {
            using var client = await new CheckContext(again.EndPoint, context.Settings).ConnectAsync(cancellation).ConfigureAwait(false);
            await client.EchoAsync(CheckPattern.Tagged(41, 0, 32), cancellation).ConfigureAwait(false);
        }

        return CheckOutcome.Pass($"stopped with a client connected, the server started again on port {port} at once and echoed");
    }
}
