using System.Globalization;

namespace KEchoBench.Bench.Load;

/// <summary>The original experiment's message: <c>Telnet No.&lt;client&gt;,Write No&lt;i&gt;\n</c>, formatted without allocating.</summary>
internal static class TelnetLine
{
    /// <summary>Longest line: both numbers at their widest.</summary>
    public const int MaxLength = 10 + 10 + 9 + 19 + 1;

    public static int Write(Span<byte> destination, int client, long index)
    {
        "Telnet No."u8.CopyTo(destination);
        int n = 10;
        client.TryFormat(destination[n..], out int written, default, CultureInfo.InvariantCulture);
        n += written;
        ",Write No"u8.CopyTo(destination[n..]);
        n += 9;
        index.TryFormat(destination[n..], out written, default, CultureInfo.InvariantCulture);
        n += written;
        destination[n++] = (byte)'\n';
        return n;
    }
}
