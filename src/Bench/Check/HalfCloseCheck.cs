using System.Net.Sockets;

namespace KEchoBench.Bench.Check;

/// <summary>
/// <c>half-close</c>: a client sends, then shuts down its sending side (FIN) before reading. Every
/// byte sent before the FIN still comes back, and then the server closes its side too.
/// </summary>
internal sealed class HalfCloseCheck : EchoCheck
{
    public override string Name => "half-close";

    public override string Description => "after the client's FIN every byte sent before it still comes back, then the server closes";

    public override IReadOnlyList<string> Needs => [ExactEchoCheck.CheckName];

    public override async Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellation)
    {
        int size = context.Settings.HalfCloseSize;
        byte[] payload = CheckPattern.Bytes(4, 0, size);
        using var connection = await context.ConnectAsync(cancellation).ConfigureAwait(false);
        await connection.SendAsync(payload, cancellation).ConfigureAwait(false);
        connection.Socket.Shutdown(SocketShutdown.Send);

        var echo = await connection.ReceiveToEndAsync(size * 2, cancellation).ConfigureAwait(false);
        int differs = HexDump.FirstDifference(payload, echo.Data);
        if (differs >= 0 && differs < Math.Min(size, echo.Count))
        {
            throw new CheckFailedException(
                $"sent {CheckText.Bytes(size)} then FIN: byte {differs:N0} of the echo is wrong",
                HexDump.Evidence(payload, echo.Data, differs));
        }

        if (echo.Count < size)
        {
            string after = echo.End switch
            {
                StreamEnd.Closed => "before the server closed: it drops what it has not yet echoed when the client half-closes",
                StreamEnd.Reset => "before the server reset the connection: it treats the client's FIN as an abort",
                _ => $"and then nothing for {CheckText.Seconds(context.Settings.Timeout)}: the server stops echoing after the client's FIN",
            };
            throw new CheckFailedException($"sent {CheckText.Bytes(size)} then FIN, got {echo.Count:N0} back {after}", HexDump.Evidence(payload, echo.Data, echo.Count));
        }

        if (echo.Count > size)
        {
            throw new CheckFailedException($"sent {CheckText.Bytes(size)} then FIN, got {echo.Count:N0}: the server echoes more than it received", HexDump.Evidence(payload, echo.Data, size));
        }

        return echo.End switch
        {
            StreamEnd.Closed => CheckOutcome.Pass($"after the client's FIN all {CheckText.Bytes(size)} came back, then the server closed"),
            StreamEnd.Reset => CheckOutcome.Fail($"after the client's FIN all {CheckText.Bytes(size)} came back, but then the server reset the connection instead of closing it"),
            _ => CheckOutcome.Fail($"after the client's FIN all {CheckText.Bytes(size)} came back, but the server did not close its side within {CheckText.Seconds(context.Settings.Timeout)}"),
        };
    }
}
