using HdrHistogram;
using HdrHistogram.Utilities;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Distributed;

/// <summary>
/// Histograms between hosts: HdrHistogram's own compressed encoding (the one its logs use), so
/// that the coordinator holds every agent's counts exactly and merges them by addition.
/// </summary>
internal static class HistogramTransport
{
    public static byte[] Encode(HistogramBase histogram)
    {
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        int length = histogram.EncodeIntoCompressedByteBuffer(buffer);
        var bytes = new byte[length];
        buffer.Position = 0;
        for (int i = 0; i < length; i++)
        {
            bytes[i] = buffer.Get();
        }

        return bytes;
    }

    /// <summary>Decodes into a histogram of the suite's shape (<see cref="HistogramFigures.NewHistogram"/>), so that any can be added to it.</summary>
    public static LongHistogram Decode(byte[] encoded)
    {
        var decoded = HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(encoded), HistogramFigures.HighestTrackableNs);
        var histogram = HistogramFigures.NewHistogram();
        histogram.Add(decoded);
        return histogram;
    }

    /// <summary>The sum of the encoded histograms: every value recorded by every agent, counted once.</summary>
    public static LongHistogram Merge(IEnumerable<byte[]> encoded)
    {
        var merged = HistogramFigures.NewHistogram();
        foreach (byte[] bytes in encoded)
        {
            merged.Add(Decode(bytes));
        }

        return merged;
    }
}
