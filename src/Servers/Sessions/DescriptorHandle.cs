using System.Runtime.InteropServices;

namespace KEchoBench.Servers.Sessions;

/// <summary>
/// An accepted socket's descriptor, closed once with a plain close(): an orderly end (FIN) for
/// the peer. (<see cref="System.Net.Sockets.SafeSocketHandle"/> disposed on its own, without its
/// <see cref="System.Net.Sockets.Socket"/>, closes abortively: the peer would see a reset.) Its reference count keeps
/// a concurrent stop from acting on the number after it has been closed and given to a new connection.
/// </summary>
internal sealed class DescriptorHandle : SafeHandle
{
    public DescriptorHandle(int fd)
        : base(invalidHandleValue: -1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle < 0;

    protected override bool ReleaseHandle() => Interop.Io.close((int)handle) == 0;
}
