namespace KEchoBench.Bench.Check;

/// <summary>
/// Compares an echo with what was sent and, when they differ, says how in the user's words:
/// more bytes than sent (kecho's over-read, a whole-buffer reply), fewer, or different ones.
/// </summary>
internal static class EchoVerdict
{
    /// <summary>Throws <see cref="CheckFailedException"/> unless <paramref name="echo"/> is exactly <paramref name="sent"/> and nothing followed.</summary>
    public static void Verify(ReadOnlySpan<byte> sent, Received echo, ReadOnlySpan<byte> extra, CheckSettings settings, string? what = null, long origin = 0)
    {
        if (Explain(sent, echo, extra, settings) is not { } reason)
        {
            return;
        }

        byte[] received = [.. echo.Data, .. extra];
        int offset = HexDump.FirstDifference(sent, received);
        throw new CheckFailedException((what is null ? string.Empty : what + ": ") + reason, HexDump.Evidence(sent, received, Math.Max(offset, 0), origin));
    }

    private static string? Explain(ReadOnlySpan<byte> sent, Received echo, ReadOnlySpan<byte> extra, CheckSettings settings)
    {
        // Short messages are shown as text: "sent 3 bytes 'a\rb', got 'ab'" says it all.
        bool shown = sent.Length <= 16 && echo.Count + extra.Length <= 16;
        string sentText = $"sent {CheckText.Bytes(sent.Length)}" + (shown ? $" {CheckText.Quoted(sent)} (got {CheckText.Quoted([.. echo.Data, .. extra])})" : string.Empty);
        int common = sent.CommonPrefixLength(echo.Data);
        if (common < echo.Count)
        {
            return common == 0 && echo.Count > 0
                ? $"{sentText}, and the echo starts with bytes that were never sent there (left over from an earlier reply?)"
                : $"{sentText}, the echo differs from byte {common} on: the server returns bytes that were not sent there";
        }

        if (echo.Count < sent.Length)
        {
            string got = $"got {echo.Count:N0}";
            return echo.End switch
            {
                StreamEnd.Closed => $"{sentText}, {got} before the server closed the connection",
                StreamEnd.Reset => $"{sentText}, {got} before the server reset the connection",
                StreamEnd.EndedEarly => $"{sentText}, {got}: the reply is {CheckText.Bytes(sent.Length - echo.Count)} short",
                _ when echo.Count == 0 => $"{sentText}, no answer within {CheckText.Seconds(settings.Timeout)}",
                _ => $"{sentText}, {got} within {CheckText.Seconds(settings.Timeout)}: the server loses bytes (the first missing one is byte {echo.Count})",
            };
        }

        if (!extra.IsEmpty)
        {
            return $"{sentText}, got {echo.Count + extra.Length:N0}: the server echoes more than it received";
        }

        return null;
    }
}
