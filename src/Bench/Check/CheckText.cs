using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KEchoBench.Bench.Check;

/// <summary>Wording shared by the checks' reasons: byte counts, durations, addresses, bytes shown as text.</summary>
internal static class CheckText
{
    public static string Bytes(long count) => count == 1 ? "1 byte" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} bytes";

    public static string Seconds(TimeSpan time) => $"{time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    public static string EndPoint(IPEndPoint endPoint) =>
        endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]:{endPoint.Port}" : $"{endPoint.Address}:{endPoint.Port}";

    /// <summary>Bytes as a quoted C-style string (<c>'a\r\n'</c>, <c>'\xff\xfb'</c>) for short messages.</summary>
    public static string Quoted(ReadOnlySpan<byte> bytes, int max = 40)
    {
        var text = new StringBuilder("'");
        foreach (byte b in bytes[..Math.Min(bytes.Length, max)])
        {
            text.Append(b switch
            {
                (byte)'\r' => "\\r",
                (byte)'\n' => "\\n",
                (byte)'\t' => "\\t",
                (byte)'\\' => "\\\\",
                (byte)'\'' => "\\'",
                >= 0x20 and < 0x7F => ((char)b).ToString(),
                _ => $"\\x{b:x2}",
            });
        }

        return text.Append(bytes.Length > max ? "'..." : "'").ToString();
    }
}
