using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using KEchoBench.Bench.Processes;

namespace KEchoBench.Bench.Distributed;

/// <summary>
/// The one external server a server agent may start (<c>--server-command</c>, with the port it
/// listens on, <c>--server-port</c>): run as given, without a shell, ready once its port accepts a
/// connection on the agent's address, stopped with SIGTERM (then killed).
/// </summary>
internal sealed class ExternalCommand(IReadOnlyList<string> command, int port)
{
    public IReadOnlyList<string> Command { get; } = command;

    public int Port { get; } = port;

    public override string ToString() => string.Join(' ', Command) + $" (port {Port})";

    public async Task<IManagedServer> StartAsync(IPAddress bind, TimeSpan readyTimeout)
    {
        var info = new ProcessStartInfo(Command[0]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in Command.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {Command[0]}");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var endPoint = new IPEndPoint(bind, Port);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < readyTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"'{this}' exited with code {process.ExitCode} before it listened: {errors.ToString().Trim()}");
            }

            using var probe = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(endPoint).ConfigureAwait(false);
                return new Running(process, endPoint, ToString(), errors);
            }
            catch (SocketException)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"'{this}' did not accept connections on {endPoint} within {readyTimeout.TotalSeconds:0} s");
    }

    private sealed class Running(Process process, IPEndPoint endPoint, string commandLine, StringBuilder errors) : IManagedServer
    {
        public IPEndPoint EndPoint { get; } = endPoint;

        public int Pid { get; } = process.Id;

        public string CommandLine { get; } = commandLine;

        public async Task<ServerExit> StopAsync(TimeSpan timeout)
        {
            bool killed = false;
            if (!process.HasExited)
            {
                _ = KEchoBench.Servers.Interop.Proc.kill(Pid, 15);
                try
                {
                    await process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    killed = true;
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync().ConfigureAwait(false);
                }
            }

            string text;
            lock (errors)
            {
                text = errors.ToString();
            }

            var exit = new ServerExit(process.ExitCode, killed, string.Empty, text);
            process.Dispose();
            return exit;
        }
    }
}
