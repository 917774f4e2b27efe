namespace KEchoBench.Bench.Check;

/// <summary>The bytes one read gathered, and why it stopped.</summary>
internal sealed record Received(byte[] Data, StreamEnd End)
{
    public int Count => Data.Length;
}
