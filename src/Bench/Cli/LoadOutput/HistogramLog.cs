using System.Text;
using HdrHistogram;
using KEchoBench.Bench.Load;

namespace KEchoBench.Bench.Cli.LoadOutput;

/// <summary>
/// Writes a run's histograms as an HdrHistogram interval log (<c>.hlog</c>), one interval per
/// measured round, values in nanoseconds (HdrHistogram's HistogramLogProcessor prints them in
/// milliseconds with its default unit ratio of 1e6). Open loop: the corrected latency untagged and
/// the uncorrected one tagged <c>uncorrected</c>; burst: connect times tagged <c>connect</c>.
/// </summary>
internal static class HistogramLog
{
    public static void Write(LoadReport report, string file)
    {
        var histograms = new List<HistogramBase>();
        foreach (var round in report.Rounds)
        {
            long start = round.Started.ToUnixTimeMilliseconds();
            long end = start + (long)round.Elapsed.TotalMilliseconds;
            histograms.Add(Stamp(round.Latency, start, end, null));
            if (round.Uncorrected is { } uncorrected)
            {
                histograms.Add(Stamp(uncorrected, start, end, "uncorrected"));
            }

            if (round.Connect is { } connect)
            {
                histograms.Add(Stamp(connect, start, end, "connect"));
            }
        }

        var first = report.Rounds.Count > 0 ? report.Rounds[0].Started : DateTimeOffset.UtcNow;
        string? directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        // HdrHistogram.NET writes the log as UTF-16; the other implementations (Java, C, Go, the
        // log processors) read ASCII. Write through memory and re-encode.
        var buffer = new MemoryStream();
        using (var writer = new HistogramLogWriter(buffer))
        {
            writer.Write(first.UtcDateTime, [.. histograms]);
        }

        using var reader = new StreamReader(new MemoryStream(buffer.ToArray()), Encoding.Unicode, detectEncodingFromByteOrderMarks: true);
        File.WriteAllText(file, reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private static HistogramBase Stamp(HistogramBase histogram, long start, long end, string? tag)
    {
        var copy = histogram.Copy();
        copy.StartTimeStamp = start;
        copy.EndTimeStamp = end;
        copy.Tag = tag;
        return copy;
    }
}
