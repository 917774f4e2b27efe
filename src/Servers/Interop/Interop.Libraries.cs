namespace KEchoBench.Servers;

/// <summary>
/// Every native call the suite makes, engines and program alike, in one place: one nested class
/// per subsystem (<see cref="Epoll"/>, <see cref="Sockets"/>, <see cref="Io"/>, <see cref="Time"/>,
/// <see cref="ResourceLimits"/>, <see cref="Proc"/>, <see cref="Threads"/>, <see cref="Errno"/>), after dotnet/runtime's
/// <c>Interop.*</c> files. Linux only.
/// </summary>
/// <remarks>
/// One calling convention: <c>LibraryImport</c> with <c>SetLastError = true</c>, errno read with
/// <see cref="System.Runtime.InteropServices.Marshal.GetLastPInvokeError"/>. The deliberate
/// exceptions are the load generator's <see cref="Io.ReadNonBlocking"/> and
/// <see cref="Io.WriteNonBlocking"/> (see there), and <see cref="Threads"/>, whose pthread calls
/// return their error number instead of setting errno. The program sees this internal class through
/// InternalsVisibleTo: one compiled copy, in the lowest layer, that every layer above may call.
/// </remarks>
internal static partial class Interop
{
    internal static class Libraries
    {
        public const string Libc = "libc";
    }
}
