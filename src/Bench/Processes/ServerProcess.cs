using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using KEchoBench.Servers;

namespace KEchoBench.Bench.Processes;

/// <summary>
/// A <c>kechobench serve</c> child process on an ephemeral port: started, waited for (its
/// <c>listening on ADDR:PORT engine=NAME</c> line), sampled from /proc, and stopped with SIGTERM.
/// Running the server in its own process is what lets the CPU it uses be attributed to it alone.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const int Sigterm = 15;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private ServerExit? _exit;

    // The answer awaited for the last SIGUSR1 sent; set and completed under the _output lock.
    private TaskCompletionSource<long>? _allocated;

    private ServerProcess(Process process, string engine, IPEndPoint endPoint)
    {
        _process = process;
        Engine = engine;
        EndPoint = endPoint;
    }

    public string Engine { get; }

    public IPEndPoint EndPoint { get; private set; }

    /// <summary>Kept once known: still readable after the process has been reaped.</summary>
    public int Pid { get; private set; }

    /// <summary>Whether the ready line said that the server reports its allocated bytes on SIGUSR1.</summary>
    public bool ReportsAllocations { get; private set; }

    /// <summary>
    /// Starts <c>kechobench serve --engine ENGINE --port 0 [arguments]</c> and waits for its ready
    /// line. Throws <see cref="InvalidOperationException"/> with the server's own error output when
    /// it exits or stays silent instead.
    /// </summary>
    public static Task<ServerProcess> StartAsync(string engine, IEnumerable<string> arguments, TimeSpan readyTimeout, CancellationToken cancellation = default) =>
        StartAsync(engine, 0, arguments, readyTimeout, cancellation);

    /// <summary>As above, on <paramref name="port"/> (0 = ephemeral): a restart on the port a stopped server used.</summary>
    public static Task<ServerProcess> StartAsync(string engine, int port, IEnumerable<string> arguments, TimeSpan readyTimeout, CancellationToken cancellation = default)
    {
        var (fileName, prefix) = ServerLauncher.Locate();
        return StartAsync(fileName, prefix, engine, port, arguments, readyTimeout, cancellation);
    }

    /// <summary>
    /// The same, with another program in place of this kechobench (another build's, for an A/B
    /// run): <c>FILE [PREFIX...] serve --engine ENGINE --port 0 [arguments]</c>.
    /// </summary>
    public static Task<ServerProcess> StartAsync(string fileName, IReadOnlyList<string> prefix, string engine, IEnumerable<string> arguments, TimeSpan readyTimeout, CancellationToken cancellation = default) =>
        StartAsync(fileName, prefix, engine, 0, arguments, readyTimeout, cancellation);

    private static Task<ServerProcess> StartAsync(string fileName, IReadOnlyList<string> prefix, string engine, int port, IEnumerable<string> arguments, TimeSpan readyTimeout, CancellationToken cancellation) =>
        LaunchAsync(fileName, [.. prefix, "serve", "--engine", engine, "--port", port.ToString(CultureInfo.InvariantCulture), .. arguments], engine, $"kechobench serve --engine {engine}", readyTimeout, cancellation);

    /// <summary>
    /// Another program that speaks <c>serve</c>'s ready line (a native yardstick of
    /// scripts/yardsticks): <c>FILE [arguments]</c>, as <paramref name="engine"/> in errors and results.
    /// </summary>
    public static Task<ServerProcess> StartProgramAsync(string fileName, IReadOnlyList<string> arguments, string engine, TimeSpan readyTimeout, CancellationToken cancellation = default) =>
        LaunchAsync(fileName, arguments, engine, fileName, readyTimeout, cancellation);

    private static async Task<ServerProcess> LaunchAsync(string fileName, IReadOnlyList<string> arguments, string engine, string what, TimeSpan readyTimeout, CancellationToken cancellation)
    {
        var process = new Process { StartInfo = StartInfo(fileName, arguments), EnableRaisingEvents = true };
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new ServerProcess(process, engine, new IPEndPoint(IPAddress.Loopback, 0));
        process.OutputDataReceived += (_, e) => server.OnOutputLine(e.Data, ready);
        process.ErrorDataReceived += (_, e) => server.OnErrorLine(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start '{fileName}': {e.Message}", e);
        }

        server.Pid = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string line = await server.WaitReadyAsync(ready.Task, what, readyTimeout, cancellation).ConfigureAwait(false);
        server.EndPoint = ParseEndPoint(line);
        server.ReportsAllocations = line.Split(' ').Contains(ServeProtocol.AllocationsToken);
        return server;
    }

    private static ProcessStartInfo StartInfo(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>
    /// One line of the server's standard output (null at its end): kept, the answer to an allocation
    /// request handed on, the ready line handed to <paramref name="ready"/>.
    /// </summary>
    private void OnOutputLine(string? data, TaskCompletionSource<string> ready)
    {
        if (data is null)
        {
            ready.TrySetException(new InvalidOperationException("the server closed its output before it was ready"));
            return;
        }

        lock (_output)
        {
            _output.AppendLine(data);
            if (data.StartsWith(ServeProtocol.AllocatedPrefix, StringComparison.Ordinal)
                && long.TryParse(data.AsSpan(ServeProtocol.AllocatedPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out long bytes))
            {
                _allocated?.TrySetResult(bytes);
            }
        }

        if (data.StartsWith(ServeProtocol.ReadyPrefix, StringComparison.Ordinal))
        {
            ready.TrySetResult(data);
        }
    }

    private void OnErrorLine(string? data)
    {
        if (data is not null)
        {
            lock (_error)
            {
                _error.AppendLine(data);
            }
        }
    }

    /// <summary>The ready line; a server that does not send it in time, or exits first, is killed and the error says why, with its standard error.</summary>
    private async Task<string> WaitReadyAsync(Task<string> ready, string what, TimeSpan readyTimeout, CancellationToken cancellation)
    {
        try
        {
            return await ready.WaitAsync(readyTimeout, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or OperationCanceledException)
        {
            await KillAsync().ConfigureAwait(false);
            string why = e is TimeoutException ? $"did not report ready within {readyTimeout.TotalSeconds:0.#} s" : "exited before it was ready";
            throw new InvalidOperationException($"{what} {why}: {ErrorText().Trim()}", e);
        }
    }

    /// <summary>
    /// The managed bytes the server has allocated since it started, asked for with SIGUSR1; null
    /// when it does not report them (see <see cref="ReportsAllocations"/>), has exited, or does not
    /// answer within <paramref name="timeout"/>.
    /// </summary>
    public async Task<long?> AllocatedBytesAsync(TimeSpan timeout)
    {
        if (!ReportsAllocations || _process.HasExited)
        {
            return null;
        }

        var answer = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            _allocated = answer;
        }

        if (Interop.Proc.kill(Pid, ServeProtocol.Sigusr1) != 0)
        {
            return null;
        }

        try
        {
            return await answer.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time, threads and RSS now; null when the process is gone.</summary>
    public ProcessSample? Sample() => ProcFs.Sample(Pid);

    /// <summary>Sends SIGTERM and returns at once: the server begins its graceful stop.</summary>
    public void RequestStop()
    {
        if (!_process.HasExited)
        {
            _ = Interop.Proc.kill(Pid, Sigterm);
        }
    }

    /// <summary>Sends SIGTERM and waits for the exit; kills the process when it does not exit in time.</summary>
    public async Task<ServerExit> StopAsync(TimeSpan timeout)
    {
        if (_exit is not null)
        {
            return _exit;
        }

        bool killed = false;
        if (!_process.HasExited)
        {
            RequestStop();
            try
            {
                await _process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                killed = true;
                await KillAsync().ConfigureAwait(false);
            }
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
        string output;
        lock (_output)
        {
            output = _output.ToString();
        }

        _exit = new ServerExit(_process.ExitCode, killed, output.TrimEnd().Split('\n')[^1], ErrorText());
        return _exit;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.Dispose();
    }

    private async Task KillAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
    }

    private string ErrorText()
    {
        lock (_error)
        {
            return _error.ToString();
        }
    }

    /// <summary>Reads <c>listening on 127.0.0.1:40123 engine=cmwq</c> (IPv6 in brackets).</summary>
    internal static IPEndPoint ParseEndPoint(string line)
    {
        string rest = line[ServeProtocol.ReadyPrefix.Length..];
        string address = rest.Split(' ')[0];
        int colon = address.LastIndexOf(':');
        string host = address[..colon].Trim('[', ']');
        int port = int.Parse(address[(colon + 1)..], CultureInfo.InvariantCulture);
        return new IPEndPoint(IPAddress.Parse(host), port);
    }
}
