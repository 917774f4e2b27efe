namespace KEchoBench.Tests.Attribution;

/// <summary>
/// A /proc tree written to a temporary folder from the text real /proc files had (copied from this
/// machine's kernel, 6.18): one process with its threads, and the two TCP counter files.
/// </summary>
internal sealed class ProcFixture : IDisposable
{
    public const string NetStat =
        "TcpExt: SyncookiesSent SyncookiesRecv ListenOverflows ListenDrops TCPSynRetrans TCPOrigDataSent\n" +
        "TcpExt: 0 0 4430 4431 12 99182\n" +
        "IpExt: InNoRoutes InTruncatedPkts\n" +
        "IpExt: 0 0\n";

    public const string Snmp =
        "Ip: Forwarding DefaultTTL InReceives\n" +
        "Ip: 1 64 90211\n" +
        "Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs OutRsts InCsumErrors\n" +
        "Tcp: 1 200 120000 -1 28 2 0 18 0 6689 5643 7 0 20 0\n";

    public ProcFixture() => Root = Directory.CreateTempSubdirectory("kechobench-proc-").FullName;

    public string Root { get; }

    /// <summary>A process stat line: a name with a space and a ')' in it, utime, stime and the thread count given.</summary>
    public static string Stat(int pid, long utime, long stime, int threads) =>
        $"{pid} (kech) (obench) S 1 {pid} {pid} 0 -1 4194304 1802 0 0 0 {utime} {stime} 0 0 20 0 {threads} 0 311853 3300012032 12289 18446744073709551615 1 1 0 0 0 0 0 4096 17630 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

    public static string Status(long voluntary, long involuntary) =>
        "Name:\tkechobench\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t4242\nThreads:\t2\n" +
        $"Cpus_allowed_list:\t0-1\nvoluntary_ctxt_switches:\t{voluntary}\nnonvoluntary_ctxt_switches:\t{involuntary}\n";

    public void WriteProcess(int pid, long utime, long stime, params (int Tid, string? SchedStat, long Voluntary, long Involuntary)[] threads)
    {
        string dir = Path.Combine(Root, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(dir, "task"));
        File.WriteAllText(Path.Combine(dir, "stat"), Stat(pid, utime, stime, threads.Length));
        foreach (var (tid, sched, voluntary, involuntary) in threads)
        {
            string task = Path.Combine(dir, "task", tid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(task);
            File.WriteAllText(Path.Combine(task, "status"), Status(voluntary, involuntary));
            if (sched is not null)
            {
                File.WriteAllText(Path.Combine(task, "schedstat"), sched);
            }
        }
    }

    public void WriteNet(string netstat = NetStat, string snmp = Snmp)
    {
        Directory.CreateDirectory(Path.Combine(Root, "net"));
        File.WriteAllText(Path.Combine(Root, "net", "netstat"), netstat);
        File.WriteAllText(Path.Combine(Root, "net", "snmp"), snmp);
    }

    /// <summary>Where a process's runtime counters endpoint is for a watch over this tree: inside it, never the real path of a process with the made-up id.</summary>
    public string RuntimeEndpoint(int pid) => Path.Combine(Root, $"kechobench-runtime-{pid}.sock");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
