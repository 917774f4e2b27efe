using System.Net.Sockets;
using KEchoBench.Bench.Check;
using KEchoBench.Tests.Load;
using Xunit;

namespace KEchoBench.Tests.Check;

/// <summary>
/// Each broken server is caught by the check named for its defect, with a reason that names it,
/// and by no other: every other check passes, or is skipped because it needs the failed one.
/// </summary>
public sealed class BrokenServerCheckTests
{
    public static TheoryData<string, string[], string> Defects => new()
    {
        { nameof(BrokenServers.OverReadsLikeStrlen), ["echo"], "sent 1 byte, got 4,095: the server echoes more than it received" },
        { nameof(BrokenServers.SendsWholeBuffer), ["echo"], "sent 1 byte, got 512: the server echoes more than it received" },
        { nameof(BrokenServers.DropsCarriageReturns), ["binary", "telnet"], "drops the CR" },
        { nameof(BrokenServers.TruncatesAt4095), ["echo"], "sent 4,096 bytes, got 4,095" },
        // Whether the reset overtakes the last echoed bytes in the client's receive queue depends on timing; both reports name the reset.
        { nameof(BrokenServers.AbortsOnHalfClose), ["half-close"], "server reset the connection" },
        { nameof(BrokenServers.SharesOneBuffer), ["connections"], "the server mixes up connections" },
        { nameof(BrokenServers.DiesOnReset), ["reset"], "10 clients reset their connections with data pending" },
    };

    [Theory]
    [MemberData(nameof(Defects))]
    public async Task Each_defect_is_caught_by_its_check_and_by_no_other(string server, string[] failing, string reason)
    {
        await using var broken = new TestServer(BrokenServers.ClosingAtTheEnd(Session(server)));
        var report = await CheckRunner.RunAsync(new CheckContext(broken.EndPoint, CheckTestSettings.Small), CheckCatalog.All);

        string table = string.Join(Environment.NewLine, report.Checks.Select(c => $"{c.Name} {c.Status}: {c.Reason}"));
        Assert.True(failing.SequenceEqual(report.Checks.Where(c => c.Status == CheckStatus.Fail).Select(c => c.Name)), table);
        Assert.Contains(reason, report[failing[^1]].Reason, StringComparison.Ordinal);
        foreach (var other in report.Checks.Where(c => c.Status == CheckStatus.Skipped))
        {
            // Skipped only for a reason: it needs --spawn, or a check that failed here.
            var check = CheckCatalog.All.Single(c => c.Name == other.Name);
            Assert.True(check.SpawnOnly || check.Needs.Any(failing.Contains), table);
        }
    }

    [Fact]
    public async Task A_wrong_echo_comes_with_the_offset_and_both_sides_in_hex()
    {
        await using var broken = new TestServer(BrokenServers.ClosingAtTheEnd(BrokenServers.SendsWholeBuffer));
        var report = await CheckRunner.RunAsync(new CheckContext(broken.EndPoint, CheckTestSettings.Small), [CheckCatalog.All[0]]);

        var evidence = report["echo"].Evidence;
        Assert.NotNull(evidence);
        Assert.Equal(1, evidence.Offset);
        Assert.Equal(0, evidence.Start);

        // The message was one pattern byte; the server answered with it and 511 NULs of its buffer.
        Assert.Equal($"{CheckPattern.At(0, 0):x2}", evidence.Expected);
        Assert.StartsWith($"{CheckPattern.At(0, 0):x2} 00 00 00", evidence.Received, StringComparison.Ordinal);
    }

    private static Func<int, Socket, CancellationToken, Task> Session(string name) => name switch
    {
        nameof(BrokenServers.OverReadsLikeStrlen) => BrokenServers.OverReadsLikeStrlen,
        nameof(BrokenServers.SendsWholeBuffer) => BrokenServers.SendsWholeBuffer,
        nameof(BrokenServers.DropsCarriageReturns) => BrokenServers.DropsCarriageReturns,
        nameof(BrokenServers.TruncatesAt4095) => BrokenServers.TruncatesAt4095,
        nameof(BrokenServers.AbortsOnHalfClose) => BrokenServers.AbortsOnHalfClose,
        nameof(BrokenServers.SharesOneBuffer) => BrokenServers.SharesOneBuffer(),
        nameof(BrokenServers.DiesOnReset) => BrokenServers.DiesOnReset(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
