namespace KEchoBench.Tests.Support;

public static class Payloads
{
    /// <summary>Random bytes, every value 0..255 possible (NUL and CR LF included: the echo must be binary-safe).</summary>
    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
