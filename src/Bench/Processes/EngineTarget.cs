using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using KEchoBench.Servers.Engines;

namespace KEchoBench.Bench.Processes;

/// <summary>
/// One value of the suite's engine parameter: a built-in engine the case starts itself, or
/// <c>external:HOST:PORT</c>, an echo server someone else runs (the kecho module, a native server),
/// optionally <c>external:HOST:PORT@PID</c> naming its process, so that its CPU, threads and memory
/// are measured as a spawned engine's are. The process is not part of the <see cref="Name"/>: the
/// case is the same server whatever its pid in this run, so runs still compare. Or
/// <c>native:PROGRAM</c>, a native yardstick of scripts/yardsticks (<see cref="NativeYardsticks"/>)
/// the case starts itself, as it starts a built-in engine.
/// </summary>
internal sealed record EngineTarget(string Name, IPEndPoint? External, int? Pid = null)
{
    public const string ExternalPrefix = "external:";

    /// <summary>The native program's name (<c>echo_epoll</c>) when this is <c>native:PROGRAM</c>; null otherwise.</summary>
    public string? Native { get; init; }

    /// <summary>The form, for help and errors.</summary>
    public const string ExternalSyntax = ExternalPrefix + "HOST:PORT[@PID]";

    public bool IsExternal => External is not null;

    public static bool TryParse(string text, [NotNullWhen(true)] out EngineTarget? target, out string error)
    {
        if (text.StartsWith(NativeYardsticks.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return TryParseNative(text, out target, out error);
        }

        if (text.StartsWith(ExternalPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return TryParseExternal(text, out target, out error);
        }

        target = null;
        error = string.Empty;
        if (EngineRegistry.TryGet(text, out _))
        {
            target = new EngineTarget(text.ToLowerInvariant(), null);
            return true;
        }

        error = $"'{text}': unknown engine; allowed: {string.Join(", ", EngineRegistry.Names)}, {ExternalPrefix}HOST:PORT, or {NativeYardsticks.Syntax}";
        return false;
    }

    public static EngineTarget Parse(string text) =>
        TryParse(text, out var target, out string error) ? target : throw new FormatException(error);

    public override string ToString() => Name;

    /// <summary><c>native:PROGRAM</c>, PROGRAM a bare file name.</summary>
    private static bool TryParseNative(string text, [NotNullWhen(true)] out EngineTarget? target, out string error)
    {
        target = null;
        error = string.Empty;
        string program = text[NativeYardsticks.Prefix.Length..];
        if (!NativeYardsticks.IsProgramName(program))
        {
            error = $"'{text}': expected {NativeYardsticks.Syntax} with PROGRAM a file name in the yardsticks folder (e.g. {NativeYardsticks.Prefix}echo_epoll)";
            return false;
        }

        target = new EngineTarget(NativeYardsticks.Prefix + program, null) { Native = program };
        return true;
    }

    /// <summary><c>external:HOST:PORT[@PID]</c>; the name keeps the text up to the port, as written.</summary>
    private static bool TryParseExternal(string text, [NotNullWhen(true)] out EngineTarget? target, out string error)
    {
        target = null;
        string address = text[ExternalPrefix.Length..];
        if (!TrySplitPid(text, ref address, out int? pid, out error) || !TryParseEndPoint(text, address, out var endPoint, out error))
        {
            return false;
        }

        target = new EngineTarget(text[..(ExternalPrefix.Length + address.Length)], endPoint, pid);
        return true;
    }

    /// <summary>Takes a trailing <c>@PID</c> off <paramref name="address"/>, where there is one.</summary>
    private static bool TrySplitPid(string text, ref string address, out int? pid, out string error)
    {
        pid = null;
        error = string.Empty;
        int at = address.LastIndexOf('@');
        if (at < 0)
        {
            return true;
        }

        if (!int.TryParse(address[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int id) || id < 1)
        {
            error = $"'{text}': expected {ExternalSyntax} with PID a process id (at least 1), e.g. {ExternalPrefix}127.0.0.1:7000@4242";
            return false;
        }

        pid = id;
        address = address[..at];
        return true;
    }

    /// <summary>HOST:PORT, HOST an IP address or localhost (brackets allowed around IPv6).</summary>
    private static bool TryParseEndPoint(string text, string address, [NotNullWhen(true)] out IPEndPoint? endPoint, out string error)
    {
        endPoint = null;
        error = string.Empty;
        int colon = address.LastIndexOf(':');
        if (colon <= 0
            || !int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port)
            || port is < 1 or > 65535)
        {
            error = $"'{text}': expected {ExternalPrefix}HOST:PORT with a port between 1 and 65535 (e.g. {ExternalPrefix}127.0.0.1:12345)";
            return false;
        }

        string host = address[..colon].Trim('[', ']');
        if (!IPAddress.TryParse(host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1" : host, out var ip))
        {
            error = $"'{text}': '{host}' is not an IP address (the suite stays on loopback: use 127.0.0.1)";
            return false;
        }

        endPoint = new IPEndPoint(ip, port);
        return true;
    }
}
