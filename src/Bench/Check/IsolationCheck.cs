using System.Text;
using System.Text.RegularExpressions;

namespace KEchoBench.Bench.Check;

/// <summary>
/// <c>connections</c>: several connections talk at once, and each gets its own bytes back, never
/// another's (the cross-talk of a server that shares one buffer between sessions).
/// </summary>
internal sealed partial class IsolationCheck : EchoCheck
{
    public const string CheckName = "connections";
    private const int Messages = 50;
    private const int MessageLength = 100;

    public override string Name => CheckName;

    public override string Description => "several connections talking at once each get their own bytes back, never another's";

    public override IReadOnlyList<string> Needs => [ExactEchoCheck.CheckName];

    public override async Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellation)
    {
        int count = context.Settings.Connections;
        var connections = new List<CheckConnection>();
        try
        {
            for (int i = 0; i < count; i++)
            {
                connections.Add(await context.ConnectAsync(cancellation).ConfigureAwait(false));
            }

            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var talks = connections.Select((c, i) => Task.Run(
                async () =>
                {
                    await TalkAsync(c, i, start.Task, context.Settings, cancellation).ConfigureAwait(false);

                    // Done: hang up, so that a server with a fixed set of workers can serve the next.
                    c.Dispose();
                },
                cancellation)).ToArray();
            start.SetResult();
            await Task.WhenAll(talks).ConfigureAwait(false);
        }
        finally
        {
            foreach (var connection in connections)
            {
                connection.Dispose();
            }
        }

        return CheckOutcome.Pass($"{count} connections talking at once each got their own {Messages} messages back");
    }

    private static async Task TalkAsync(CheckConnection connection, int index, Task start, CheckSettings settings, CancellationToken cancellation)
    {
        await start.ConfigureAwait(false);
        for (int m = 0; m < Messages; m++)
        {
            byte[] message = CheckPattern.Tagged(index, m, MessageLength);
            await connection.SendAsync(message, cancellation).ConfigureAwait(false);
            var echo = await connection.ReceiveAsync(message.Length, cancellation, expected: message).ConfigureAwait(false);
            string text = Encoding.ASCII.GetString(echo.Data);
            if (Tag().Matches(text).Select(t => int.Parse(t.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault(c => c != index, -1) is int other and >= 0)
            {
                throw new CheckFailedException(
                    $"connection {index} got bytes sent on connection {other}: the server mixes up connections (a buffer shared between sessions?)",
                    HexDump.Evidence(message, echo.Data, Math.Max(0, HexDump.FirstDifference(message, echo.Data))));
            }

            EchoVerdict.Verify(message, echo, [], settings, $"connection {index}, message {m}");
        }
    }

    [GeneratedRegex("conn([0-9]+)msg")]
    private static partial Regex Tag();
}
