using System.Text;

namespace KEchoBench.Bench.Check;

/// <summary>
/// <c>telnet</c>: what a telnet user types comes back with its line ending intact. kecho lost the
/// ending, so the cursor landed at the start of the echoed line and the next input overwrote it.
/// </summary>
internal sealed class TelnetLinesCheck : EchoCheck
{
    private static readonly string[] Lines = ["a\r\n", "hello world\r\n", "\r\n", "Telnet No.1,Write No0\n", "tab\there\r\n", "caf\u00e9 \u00fcber\r\n", "last line\r\n"];

    public override string Name => "telnet";

    public override string Description => "telnet lines ('line\\r\\n') come back exactly, CR LF included, one line at a time";

    public override IReadOnlyList<string> Needs => [ExactEchoCheck.CheckName];

    public override async Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellation)
    {
        using var connection = await context.ConnectAsync(cancellation).ConfigureAwait(false);
        foreach (string line in Lines)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(line);
            await connection.SendAsync(bytes, cancellation).ConfigureAwait(false);

            // Stop at the line's end: a reply that lost its CR must not cost a timeout.
            var echo = await connection.ReceiveAsync(bytes.Length, cancellation, stopAfter: (byte)'\n').ConfigureAwait(false);
            byte[] extra = echo.End == StreamEnd.Complete && connection.Socket.Available > 0 ? await connection.ReceiveUnexpectedAsync(cancellation).ConfigureAwait(false) : [];
            if (LostLineEnding(bytes, echo.Data))
            {
                throw new CheckFailedException(
                    $"sent {CheckText.Quoted(bytes)}, got {CheckText.Quoted(echo.Data)}: the server drops the CR of CR LF, so telnet's cursor lands at the start of the echoed line",
                    HexDump.Evidence(bytes, echo.Data, Math.Max(0, HexDump.FirstDifference(bytes, echo.Data))));
            }

            EchoVerdict.Verify(bytes, echo, extra, context.Settings, $"line {CheckText.Quoted(bytes)}");
        }

        return CheckOutcome.Pass($"{Lines.Length} telnet lines came back byte for byte, line endings included");
    }

    private static bool LostLineEnding(byte[] sent, byte[] received) =>
        sent.AsSpan().IndexOf((byte)'\r') >= 0
        && received.AsSpan().SequenceEqual(sent.Where(b => b != (byte)'\r').ToArray());
}
