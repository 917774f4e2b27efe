using System.Text;

namespace KEchoBench.Bench.Check;

/// <summary>
/// <c>burst</c>: kecho's bench.c: many clients released at once by a barrier; each connects, sends
/// one short line, waits for its echo and closes. Every one must be served, with its own line.
/// </summary>
internal sealed class BurstCheck : EchoCheck
{
    public override string Name => "burst";

    public override string Description => "a burst of connections released at once (kecho bench.c) are all served, each with its own line";

    public override IReadOnlyList<string> Needs => [ExactEchoCheck.CheckName, IsolationCheck.CheckName];

    public override TimeSpan Budget(CheckSettings settings) => (settings.Timeout * 3) + TimeSpan.FromMilliseconds(settings.Burst * 5);

    public override async Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellation)
    {
        int clients = context.Settings.Burst;
        if (RunEnvironment.OpenFileLimit.EnsureAtLeast(clients + 64) is { } limit)
        {
            return CheckOutcome.Skipped(limit.Replace("--clients", "--burst", StringComparison.Ordinal));
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = Enumerable.Range(0, clients).Select(async i =>
        {
            await start.Task.ConfigureAwait(false);
            try
            {
                using var connection = await context.ConnectAsync(cancellation).ConfigureAwait(false);
                await connection.EchoAsync(Encoding.ASCII.GetBytes($"Telnet No.{i},Write No0\n"), cancellation).ConfigureAwait(false);
                return null;
            }
            catch (CheckFailedException e)
            {
                return e;
            }
        }).ToArray();
        start.SetResult();
        var failures = (await Task.WhenAll(runs).ConfigureAwait(false)).Where(e => e is not null).Select(e => e!).ToList();
        if (failures.Count > 0)
        {
            var first = failures[0];
            throw new CheckFailedException($"{failures.Count:N0} of {clients:N0} clients released at once were not served; the first: {first.Message}", first.Evidence);
        }

        return CheckOutcome.Pass($"{clients:N0} clients released at once were all served, each with its own line");
    }
}
