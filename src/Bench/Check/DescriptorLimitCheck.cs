using System.Net.Sockets;

namespace KEchoBench.Bench.Check;

/// <summary>
/// <c>fd-limit</c> (<c>--spawn</c> only): a server out of file descriptors (EMFILE on accept, the
/// per-process limit kecho's bench tool warns about) stays up, keeps serving its established
/// client, does not spin on the failing accept, and serves new clients once descriptors free.
/// </summary>
internal sealed class DescriptorLimitCheck : EchoCheck
{
    /// <summary>
    /// Descriptors left free above what the ready server holds: the flood uses them up, and more.
    /// Generous on purpose: a server may keep descriptors in reserve for its runtime and shed any
    /// connection that would use them (our engines keep 32, as nginx and libuv keep a spare), and
    /// with less room than its reserve it could never take a client at all, which is not the
    /// defect this check looks for.
    /// </summary>
    private const int Headroom = 64;
    private const int Flood = Headroom + 64;

    /// <summary>
    /// A server that busy-loops on the failing accept always has a thread running or waiting for a
    /// CPU; one that backs off is asleep nearly always. Counted in looks at the threads' states, not
    /// in CPU time, which a spinning thread gets little of on a loaded machine.
    /// </summary>
    private const double MaxBusyShare = 0.5;
    private const int Samples = 100;
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    public override string Name => "fd-limit";

    public override string Description => "(--spawn) out of descriptors (EMFILE): stays up, serves its clients, does not spin, recovers";

    public override bool SpawnOnly => true;

    public override async Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellation)
    {
        await using var server = await context.SpawnAsync(0, cancellation).ConfigureAwait(false);
        var target = new CheckContext(server.EndPoint, context.Settings, server: server);
        using var steady = await target.ConnectAsync(cancellation).ConfigureAwait(false);
        await steady.EchoAsync(CheckPattern.Tagged(50, 0, 32), cancellation).ConfigureAwait(false);

        int open = Processes.ProcFs.OpenDescriptors(server.Pid);
        ulong limit = (ulong)(open + Headroom);
        if (RunEnvironment.OpenFileLimit.SetFor(server.Pid, limit) is int errno and not 0)
        {
            return CheckOutcome.Skipped($"could not lower the server's open-file limit (prlimit: errno {errno})");
        }

        string during = $"open-file limit lowered to {limit}, {Flood} more clients";
        var flood = new List<Socket>();
        double busy = 0;
        try
        {
            await FloodAsync(server.EndPoint, flood, context.Settings.Timeout, cancellation).ConfigureAwait(false);
            await Task.Delay(Settle, cancellation).ConfigureAwait(false);
            await target.EnsureServerAliveAsync(during).ConfigureAwait(false);
            busy = await BusyShareAsync(server.Pid, cancellation).ConfigureAwait(false);
            await target.EnsureServerAliveAsync(during).ConfigureAwait(false);
            if (busy > MaxBusyShare)
            {
                return CheckOutcome.Fail($"{during}: a server thread was runnable in {busy * 100:0} % of {Samples} looks over {CheckText.Seconds(Window)} out of descriptors: it spins on the failing accept");
            }

            await StillServesAsync(steady, during, cancellation).ConfigureAwait(false);
        }
        finally
        {
            DisposeAll(flood);
        }

        return await RecoversAsync(target, during, cancellation).ConfigureAwait(false) is { } failure
            ? failure
            : CheckOutcome.Pass($"{during}: the server stayed up, kept serving without spinning (busy in {busy * 100:0} % of {Samples} looks), served a new client once they left");
    }

    /// <summary>
    /// <see cref="Flood"/> clients connect at once, each given up after <paramref name="timeout"/>.
    /// The flood only has to reach the listen queue: what the server does with it is its choice.
    /// Every socket goes into <paramref name="flood"/> before it connects, so that the caller
    /// closes them all, whichever connected.
    /// </summary>
    private static Task FloodAsync(System.Net.IPEndPoint endPoint, List<Socket> flood, TimeSpan timeout, CancellationToken cancellation) =>
        Task.WhenAll(Enumerable.Range(0, Flood).Select(async _ =>
        {
            var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            lock (flood)
            {
                flood.Add(socket);
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(timeout);
            try
            {
                await socket.ConnectAsync(endPoint, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellation.IsCancellationRequested)
            {
            }
        }));

    /// <summary>Out of descriptors, the client connected before must still be echoed; a failure says so.</summary>
    private static async Task StillServesAsync(CheckConnection steady, string during, CancellationToken cancellation)
    {
        try
        {
            await steady.EchoAsync(CheckPattern.Tagged(50, 1, 32), cancellation).ConfigureAwait(false);
        }
        catch (CheckFailedException e)
        {
            throw new CheckFailedException($"{during}, its established client was no longer served: {e.Message}", e.Evidence);
        }
    }

    private static void DisposeAll(List<Socket> flood)
    {
        // The same lock the flood's tasks added under, so that the list is read as they left it.
        lock (flood)
        {
            foreach (var socket in flood)
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>The share of evenly spaced looks over <see cref="Window"/> in which some thread of the server was runnable.</summary>
    private static async Task<double> BusyShareAsync(int pid, CancellationToken cancellation)
    {
        int busy = 0;
        for (int i = 0; i < Samples; i++)
        {
            if (Processes.ProcFs.RunnableThreads(pid) > 0)
            {
                busy++;
            }

            await Task.Delay(Window / Samples, cancellation).ConfigureAwait(false);
        }

        return busy / (double)Samples;
    }

    /// <summary>With the flood gone, a new client must be served within the timeout (accepting resumes by itself).</summary>
    private static async Task<CheckOutcome?> RecoversAsync(CheckContext target, string during, CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + target.Settings.Timeout;
        string last = "no attempt";
        while (DateTime.UtcNow < deadline)
        {
            await target.EnsureServerAliveAsync($"{during}, after they left").ConfigureAwait(false);
            try
            {
                using var fresh = await target.ConnectAsync(cancellation).ConfigureAwait(false);
                await fresh.EchoAsync(CheckPattern.Tagged(51, 0, 32), cancellation).ConfigureAwait(false);
                return null;
            }
            catch (CheckFailedException e)
            {
                last = e.Message;
                await Task.Delay(100, cancellation).ConfigureAwait(false);
            }
        }

        return CheckOutcome.Fail($"{during}: once they left, no new client was served within {CheckText.Seconds(target.Settings.Timeout)} ({last})");
    }
}
