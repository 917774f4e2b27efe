using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using KEchoBench.Servers;

namespace KEchoBench.Bench.Load;

/// <summary>A <c>sockaddr_in</c> / <c>sockaddr_in6</c> built once per run for the raw connect calls.</summary>
internal sealed class NativeAddress
{
    public NativeAddress(IPEndPoint endPoint)
    {
        if (endPoint.AddressFamily == AddressFamily.InterNetwork)
        {
            Family = Interop.Sockets.AF_INET;
            Bytes = new byte[16];
            BinaryPrimitives.WriteUInt16LittleEndian(Bytes, Interop.Sockets.AF_INET);
            BinaryPrimitives.WriteUInt16BigEndian(Bytes.AsSpan(2), (ushort)endPoint.Port);
            endPoint.Address.TryWriteBytes(Bytes.AsSpan(4), out _);
        }
        else
        {
            Family = Interop.Sockets.AF_INET6;
            Bytes = new byte[28];
            BinaryPrimitives.WriteUInt16LittleEndian(Bytes, Interop.Sockets.AF_INET6);
            BinaryPrimitives.WriteUInt16BigEndian(Bytes.AsSpan(2), (ushort)endPoint.Port);
            endPoint.Address.TryWriteBytes(Bytes.AsSpan(8), out _);
            BinaryPrimitives.WriteUInt32LittleEndian(Bytes.AsSpan(24), (uint)endPoint.Address.ScopeId);
        }
    }

    public int Family { get; }

    public byte[] Bytes { get; }
}
