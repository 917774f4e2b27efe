namespace KEchoBench.Bench.Check;

/// <summary>
/// <c>binary</c>: bytes a text-minded server mangles come back verbatim: NUL (where <c>strlen</c>
/// stops), 0xFF and every byte above 0x7F, lone CR and LF, and telnet's IAC command sequences.
/// </summary>
internal sealed class BinarySafetyCheck : EchoCheck
{
    private static readonly (string Name, byte[] Bytes)[] Payloads =
    [
        ("NUL bytes", [0x00, (byte)'a', 0x00, 0x00, (byte)'b', 0x00]),
        ("a NUL first", [0x00, (byte)'x', (byte)'y', (byte)'z']),
        ("0xFF bytes", [0xFF, 0xFF, (byte)'a', 0xFF]),
        ("bytes above 0x7F", [0x80, 0x9B, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xFE]),
        ("a lone CR", [(byte)'a', (byte)'\r', (byte)'b']),
        ("a lone LF", [(byte)'a', (byte)'\n', (byte)'b']),
        ("CR NUL (telnet's bare CR)", [(byte)'a', (byte)'\r', 0x00, (byte)'b']),
        ("telnet IAC WILL ECHO, IAC DO SUPPRESS-GO-AHEAD", [0xFF, 0xFB, 0x01, 0xFF, 0xFD, 0x03]),
        ("telnet IAC IAC (an escaped 0xFF)", [(byte)'x', 0xFF, 0xFF, (byte)'y']),
        ("telnet IAC IP, IAC DO TIMING-MARK (Ctrl-C)", [0xFF, 0xF4, 0xFF, 0xFD, 0x06]),
        ("every byte value 0..255", [.. Enumerable.Range(0, 256).Select(i => (byte)i)]),
        ("every byte value 255..0", [.. Enumerable.Range(0, 256).Select(i => (byte)(255 - i))]),
    ];

    public override string Name => "binary";

    public override string Description => "NUL, 0xFF, bytes above 0x7F, lone CR and LF, telnet IAC sequences come back verbatim";

    public override IReadOnlyList<string> Needs => [ExactEchoCheck.CheckName];

    public override async Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellation)
    {
        using var connection = await context.ConnectAsync(cancellation).ConfigureAwait(false);
        foreach (var (name, bytes) in Payloads)
        {
            await connection.EchoAsync(bytes, cancellation, $"{name} {CheckText.Quoted(bytes, 12)}").ConfigureAwait(false);
        }

        return CheckOutcome.Pass($"{Payloads.Length} payloads of special bytes (NUL, 0xFF, >0x7F, CR, LF, IAC) came back verbatim");
    }
}
