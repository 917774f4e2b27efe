using System.Text;

namespace KEchoBench.Bench.Check;

/// <summary>The evidence for a wrong echo: the first offset where it differs, and both sides around it in hex.</summary>
internal static class HexDump
{
    private const int Before = 8;
    private const int Width = 24;

    /// <summary>The first offset at which <paramref name="received"/> differs from <paramref name="expected"/> (or where the shorter one ends); -1 when equal.</summary>
    public static int FirstDifference(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> received)
    {
        int common = expected.CommonPrefixLength(received);
        return common == expected.Length && common == received.Length ? -1 : common;
    }

    /// <summary>Evidence for a divergence at <paramref name="offset"/>; <paramref name="origin"/> is the stream offset of both spans' first byte.</summary>
    public static CheckEvidence Evidence(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> received, int offset, long origin = 0)
    {
        int start = Math.Max(0, offset - Before);
        return new CheckEvidence(origin + offset, origin + start, Hex(expected, start), Hex(received, start));
    }

    public static string Hex(ReadOnlySpan<byte> bytes, int start)
    {
        if (start >= bytes.Length)
        {
            return "(nothing)";
        }

        var text = new StringBuilder();
        var shown = bytes.Slice(start, Math.Min(Width, bytes.Length - start));
        foreach (byte b in shown)
        {
            text.Append($"{b:x2} ");
        }

        if (start + shown.Length < bytes.Length)
        {
            text.Append("...");
        }

        return text.ToString().TrimEnd();
    }
}
