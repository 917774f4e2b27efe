using System.Globalization;

namespace KEchoBench.Servers.Statistics;

/// <summary>The counters of an engine at one moment.</summary>
internal sealed record StatisticsSnapshot(
    long Accepted,
    long Closed,
    long Rejected,
    long BytesReceived,
    long BytesSent,
    IReadOnlyDictionary<ErrorKind, long> Errors)
{
    public long Active => Accepted - Closed;

    public long TotalErrors => Errors.Values.Sum();

    /// <summary>One line for logs and the daemon's exit summary.</summary>
    public string ToSummaryLine()
    {
        var errors = Errors.Where(e => e.Value > 0).Select(e => $"{e.Key}={e.Value}").ToList();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"connections accepted={Accepted} closed={Closed} active={Active} rejected={Rejected} bytes in={BytesReceived} out={BytesSent} errors={(errors.Count == 0 ? "0" : string.Join(",", errors))}");
    }
}
