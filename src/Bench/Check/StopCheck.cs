using System.Globalization;
using System.Text.RegularExpressions;

namespace KEchoBench.Bench.Check;

/// <summary>
/// <c>stop</c> (<c>--spawn</c> only): SIGTERM while clients are connected, some mid-transfer, ends
/// the server promptly with exit code 0; every client sees its connection end, and no byte it did
/// not send. kecho's module crashed the kernel when unloaded with a telnet session open.
/// </summary>
internal sealed partial class StopCheck : EchoCheck
{
    private const int Clients = 20;
    private const int PendingBytes = 64 * 1024;

    public override string Name => "stop";

    public override string Description => "(--spawn) SIGTERM with live clients: exit 0, promptly, every client's connection ends cleanly";

    public override bool SpawnOnly => true;

    public override async Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellation)
    {
        await using var server = await context.SpawnAsync(0, cancellation).ConfigureAwait(false);
        var connections = new List<CheckConnection>();
        try
        {
            var target = new CheckContext(server.EndPoint, context.Settings);
            await ConnectClientsAsync(target, connections, cancellation).ConfigureAwait(false);

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var exit = await server.StopAsync(context.Settings.Timeout).ConfigureAwait(false);
            var took = clock.Elapsed;
            return ExitFailure(exit, took, context.Settings.Timeout)
                ?? await EndFailureAsync(connections, context.Settings.Timeout, cancellation).ConfigureAwait(false)
                ?? CheckOutcome.Pass($"SIGTERM with {Clients} live clients: exit 0 in {took.TotalMilliseconds:N0} ms, every connection ended cleanly");
        }
        finally
        {
            foreach (var connection in connections)
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>
    /// Connects the <see cref="Clients"/>, each added to <paramref name="connections"/> at once so
    /// that the caller closes whatever was opened. The first is answered before the stop; the
    /// others may still wait for the server (a fixed set of workers serves only so many), with an
    /// echo or more unread.
    /// </summary>
    private static async Task ConnectClientsAsync(CheckContext target, List<CheckConnection> connections, CancellationToken cancellation)
    {
        for (int i = 0; i < Clients; i++)
        {
            var connection = await target.ConnectAsync(cancellation).ConfigureAwait(false);
            connections.Add(connection);
            if (i == 0)
            {
                await connection.EchoAsync(CheckPattern.Tagged(30, 0, 32), cancellation).ConfigureAwait(false);
            }
            else
            {
                await connection.SendAsync(Sent(i), cancellation).ConfigureAwait(false);
            }
        }
    }

    /// <summary>What was wrong with how the server ended (killed, a nonzero code, sessions reset at the deadline); null when it exited cleanly.</summary>
    private static CheckOutcome? ExitFailure(Processes.ServerExit exit, TimeSpan took, TimeSpan timeout)
    {
        if (exit.Killed)
        {
            return CheckOutcome.Fail($"SIGTERM with {Clients} live clients: the server did not exit within {CheckText.Seconds(timeout)} and was killed");
        }

        if (exit.ExitCode != 0)
        {
            return CheckOutcome.Fail($"SIGTERM with {Clients} live clients: the server exited with code {exit.ExitCode}: {FirstLine(exit.ErrorOutput)}");
        }

        if (Forced().Match(exit.LastOutput) is { Success: true } forced && int.Parse(forced.Groups[1].Value, CultureInfo.InvariantCulture) > 0)
        {
            return CheckOutcome.Fail($"SIGTERM with {Clients} live clients: {forced.Groups[1].Value} sessions did not end by themselves and were reset at the stop deadline ({CheckText.Seconds(took)})");
        }

        return null;
    }

    /// <summary>
    /// The first client whose connection did not end after the exit, or that was sent bytes it
    /// never sent (what it sent and was not yet echoed may come back, nothing else); null when
    /// every one ended cleanly. Read in order, so the failure named is the first client's.
    /// </summary>
    private static async Task<CheckOutcome?> EndFailureAsync(List<CheckConnection> connections, TimeSpan timeout, CancellationToken cancellation)
    {
        for (int i = 0; i < connections.Count; i++)
        {
            byte[] pending = i == 0 ? [] : Sent(i);
            var rest = await connections[i].ReceiveToEndAsync(PendingBytes * 2, cancellation).ConfigureAwait(false);
            if (rest.End == StreamEnd.TimedOut)
            {
                return CheckOutcome.Fail($"the server exited, but client {i}'s connection did not end within {CheckText.Seconds(timeout)}");
            }

            int common = pending.AsSpan().CommonPrefixLength(rest.Data);
            if (common < rest.Count)
            {
                return CheckOutcome.Fail($"while stopping, the server sent client {i} bytes it never sent", HexDump.Evidence(pending, rest.Data, common));
            }
        }

        return null;
    }

    /// <summary>What client <paramref name="index"/> sends before the stop: a line, or for every fourth an echo larger than the socket buffers hold.</summary>
    private static byte[] Sent(int index) => CheckPattern.Tagged(30 + index, 0, index % 4 == 0 ? PendingBytes : 32);

    private static string FirstLine(string text) => text.Trim().Split('\n')[0];

    [GeneratedRegex("forced=([0-9]+)")]
    private static partial Regex Forced();
}
