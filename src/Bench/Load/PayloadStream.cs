using System.Runtime.InteropServices;

namespace KEchoBench.Bench.Load;

/// <summary>
/// The bytes the pattern payload sends. Connection <c>c</c> sends the byte stream
/// <c>pattern[(position + offset(c)) mod P]</c>: a pseudo-random sequence of prime period P read
/// from a different starting point for every connection (offsets are distinct for up to P
/// connections). A lost, duplicated, reordered or corrupted byte, or a byte from another
/// connection, therefore breaks the match at once. The pattern is allocated once, outside the
/// managed heap, and extended by <see cref="LoadSettings.MaxSize"/> bytes so that any message is
/// one contiguous slice: sending and checking need no copy.
/// </summary>
internal static unsafe class PayloadStream
{
    /// <summary>The largest prime below 2^16: the period of the stream.</summary>
    public const int Period = 65521;

    // Coprime with Period, so c -> c * Stride mod Period is one-to-one over connections.
    private const long Stride = 40503;

    private static readonly byte* Pattern = Build();

    /// <summary>Where connection <paramref name="connection"/>'s stream at <paramref name="position"/> starts in the pattern.</summary>
    public static byte* At(int connection, long position) =>
        Pattern + (int)((position + (connection * Stride)) % Period);

    /// <summary>A copy of connection <paramref name="connection"/>'s bytes at <paramref name="position"/> (for tests and tools, not the hot path).</summary>
    public static byte[] Bytes(int connection, long position, int length) =>
        length > LoadSettings.MaxSize
            ? throw new ArgumentOutOfRangeException(nameof(length))
            : new ReadOnlySpan<byte>(At(connection, position), length).ToArray();

    private static byte* Build()
    {
        int total = Period + LoadSettings.MaxSize;
        byte* pattern = (byte*)NativeMemory.Alloc((nuint)total);
        ulong x = 0x9e3779b97f4a7c15UL;
        for (int i = 0; i < Period; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            pattern[i] = (byte)(x >> 24);
        }

        for (int i = Period; i < total; i++)
        {
            pattern[i] = pattern[i - Period];
        }

        return pattern;
    }
}
