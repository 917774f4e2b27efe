namespace KEchoBench.Bench.Attribution;

/// <summary>
/// The kernel's TCP counters that say a round measured the kernel rather than the server: the
/// accept backlog overflowed (<c>TcpExt.ListenOverflows</c>) or a connection request was dropped
/// (<c>TcpExt.ListenDrops</c>), SYNs were retransmitted (<c>TcpExt.TCPSynRetrans</c>), segments
/// were retransmitted (<c>Tcp.RetransSegs</c>). They count for the whole network namespace (the
/// machine, outside containers), not one process.
/// </summary>
internal readonly record struct TcpCounters(long ListenOverflows, long ListenDrops, long SynRetransmits, long RetransmittedSegments)
{
    /// <summary>The counters in the two files' text; null when either lacks one.</summary>
    public static TcpCounters? From(string netstat, string snmp)
    {
        var ext = NetCounterTable.Parse(netstat);
        var tcp = NetCounterTable.Parse(snmp);
        return ext.TryGetValue("TcpExt.ListenOverflows", out long overflows)
            && ext.TryGetValue("TcpExt.ListenDrops", out long drops)
            && tcp.TryGetValue("Tcp.RetransSegs", out long segments)
            ? new TcpCounters(overflows, drops, ext.GetValueOrDefault("TcpExt.TCPSynRetrans"), segments)
            : null;
    }

    public TcpCounters Since(TcpCounters before) => new(
        ListenOverflows - before.ListenOverflows,
        ListenDrops - before.ListenDrops,
        SynRetransmits - before.SynRetransmits,
        RetransmittedSegments - before.RetransmittedSegments);
}
