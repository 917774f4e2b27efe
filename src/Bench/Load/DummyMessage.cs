using System.Runtime.InteropServices;

namespace KEchoBench.Bench.Load;

/// <summary>kecho bench.c's message, <c>dummy message</c> (13 bytes, no terminator), kept outside the managed heap so a send needs no pinning.</summary>
internal static unsafe class DummyMessage
{
    public static ReadOnlySpan<byte> Text => "dummy message"u8;

    public static int Length => Text.Length;

    /// <summary>The bytes, allocated once for the life of the process.</summary>
    public static byte* Bytes { get; } = Copy();

    private static byte* Copy()
    {
        byte* bytes = (byte*)NativeMemory.Alloc((nuint)Text.Length);
        Text.CopyTo(new Span<byte>(bytes, Text.Length));
        return bytes;
    }
}
