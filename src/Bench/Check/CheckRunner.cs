using System.Diagnostics;
using System.Net.Sockets;

namespace KEchoBench.Bench.Check;

/// <summary>
/// Runs the chosen checks one after another against one address, each within its time budget.
/// A check whose prerequisite failed is skipped (one defect, one FAIL); once the server stops
/// accepting connections, the remaining checks on it are skipped, naming the check it went down in.
/// </summary>
internal static class CheckRunner
{
    public static async Task<CheckReport> RunAsync(CheckContext context, IReadOnlyList<EchoCheck> checks, Action<CheckResult>? onResult = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var results = new List<CheckResult>();
        var broken = new HashSet<string>(StringComparer.Ordinal);
        string? downSince = null;
        string? lastRan = null;
        foreach (var check in checks)
        {
            var started = Stopwatch.StartNew();
            var outcome = await DecideAsync().ConfigureAwait(false);
            if (outcome.Status == CheckStatus.Fail)
            {
                broken.Add(check.Name);
            }

            var result = new CheckResult(check.Name, outcome.Status, outcome.Reason, outcome.Evidence, started.Elapsed.TotalSeconds);
            results.Add(result);
            onResult?.Invoke(result);

            async Task<CheckOutcome> DecideAsync()
            {
                if (check.SpawnOnly && context.Spawn is null)
                {
                    return CheckOutcome.Skipped("needs --spawn ENGINE: it starts and stops the server itself");
                }

                if (check.Needs.FirstOrDefault(broken.Contains) is { } need)
                {
                    broken.Add(check.Name);
                    return CheckOutcome.Skipped($"needs a working '{need}', which failed above: fix that first");
                }

                if (!check.SpawnOnly)
                {
                    if (downSince is null && !await IsUpAsync(context, cancellation).ConfigureAwait(false))
                    {
                        downSince = lastRan ?? "the start";
                    }

                    if (downSince is not null)
                    {
                        broken.Add(check.Name);
                        return CheckOutcome.Skipped($"the server stopped accepting connections during '{downSince}'");
                    }

                    lastRan = check.Name;
                }

                return await RunOneAsync(check, context, cancellation).ConfigureAwait(false);
            }
        }

        string target = context.Spawn is { } spawn ? $"{spawn.Engine} at {CheckText.EndPoint(context.Target)}" : CheckText.EndPoint(context.Target);
        return new CheckReport(target, context.Spawn?.Engine, results, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Does the server still accept a connection (and, when spawned, is its process alive)?</summary>
    public static async Task<bool> IsUpAsync(CheckContext context, CancellationToken cancellation)
    {
        if (context.Server is { HasExited: true })
        {
            return false;
        }

        try
        {
            using var probe = await context.ConnectAsync(cancellation).ConfigureAwait(false);
            return true;
        }
        catch (CheckFailedException)
        {
            return false;
        }
    }

    private static async Task<CheckOutcome> RunOneAsync(EchoCheck check, CheckContext context, CancellationToken cancellation)
    {
        var budget = check.Budget(context.Settings);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bounded.CancelAfter(budget);
        try
        {
            return await check.RunAsync(context, bounded.Token).ConfigureAwait(false);
        }
        catch (CheckFailedException e)
        {
            return CheckOutcome.Fail(e.Message, e.Evidence);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return CheckOutcome.Fail($"did not finish within {CheckText.Seconds(budget)}: the server stopped answering");
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            return CheckOutcome.Fail($"the connection failed: {e.Message}");
        }
    }
}
