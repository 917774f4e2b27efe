using System.Text;

namespace KEchoBench.Bench.Check;

/// <summary>
/// Printable bytes (letters and digits only) for the checks that are not about special bytes, so
/// that a server which mishandles CR, NUL or IAC fails the binary and telnet checks and no other.
/// Each stream is unique to its connection: bytes from another connection do not match.
/// </summary>
internal static class CheckPattern
{
    private static readonly byte[] Alphabet = Encoding.ASCII.GetBytes("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    /// <summary>The byte at <paramref name="position"/> of stream <paramref name="stream"/>.</summary>
    public static byte At(int stream, long position) =>
        Alphabet[(int)(((position * 7) + (position / Alphabet.Length) + (stream * 13L)) % Alphabet.Length)];

    public static void Fill(Span<byte> destination, int stream, long position)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = At(stream, position + i);
        }
    }

    public static byte[] Bytes(int stream, long position, int length)
    {
        var bytes = new byte[length];
        Fill(bytes, stream, position);
        return bytes;
    }

    /// <summary>A message that names its connection and number (so a misdelivered one says where it came from), filled to <paramref name="length"/>.</summary>
    public static byte[] Tagged(int connection, int message, int length)
    {
        byte[] tag = Encoding.ASCII.GetBytes($"conn{connection}msg{message}.");
        var bytes = Bytes(connection, message * (long)length, Math.Max(length, tag.Length));
        tag.CopyTo(bytes, 0);
        return bytes;
    }
}
