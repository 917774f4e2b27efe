namespace KEchoBench.Servers.Engines;

/// <summary>
/// What a ring completion is about, packed into its 64-bit user data: the kind of operation in the
/// top byte and, for a connection's operations, its slot in the low 32 bits. A slot is reused only
/// once nothing of its last connection is in flight, so the slot alone names the connection.
/// </summary>
internal static class UringTag
{
    public enum Kind : byte
    {
        None = 0,
        Accept = 1,
        Receive = 2,
        Send = 3,
        Wake = 4,
        Cancel = 5,
    }

    public static ulong Of(Kind kind, int slot = 0) => ((ulong)kind << 56) | (uint)slot;

    public static Kind KindOf(ulong userData) => (Kind)(userData >> 56);

    public static int SlotOf(ulong userData) => (int)(uint)userData;
}
