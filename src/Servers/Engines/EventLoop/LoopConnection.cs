using KEchoBench.Servers.Sessions;

namespace KEchoBench.Servers.Engines;

/// <summary>
/// A connection as its event loop sees it: the raw descriptor and, only while the peer is slower
/// than the echo, the bytes that could not be sent yet. While bytes are pending the loop stops
/// reading this connection, so the server holds at most one buffer per connection however slow
/// the reader is.
/// </summary>
internal sealed class LoopConnection(DescriptorConnection connection)
{
    public DescriptorConnection Connection { get; } = connection;

    public int Fd => Connection.Fd;

    public byte[]? Pending { get; set; }

    public int PendingOffset { get; set; }

    public int PendingCount { get; set; }
}
