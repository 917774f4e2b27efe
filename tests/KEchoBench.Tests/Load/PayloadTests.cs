using System.Text;
using CsCheck;
using KEchoBench.Bench.Load;
using Xunit;

namespace KEchoBench.Tests.Load;

/// <summary>Each connection's byte stream differs from every other's, and from itself shifted: so loss and cross-talk cannot pass.</summary>
public sealed class PayloadTests
{
    [Fact]
    public void Streams_of_different_connections_differ()
    {
        Gen.Select(Gen.Int[0, 65520], Gen.Int[0, 65520], Gen.Long[0, 1L << 40], Gen.Long[0, 1L << 40])
            .Where(t => t.Item1 != t.Item2)
            .Sample(t =>
            {
                var (a, b, positionA, positionB) = t;
                return !PayloadStream.Bytes(a, positionA, 16).AsSpan().SequenceEqual(PayloadStream.Bytes(b, positionB, 16))
                    || (positionA + (a * 40503L)) % PayloadStream.Period == (positionB + (b * 40503L)) % PayloadStream.Period;
            });
    }

    [Fact]
    public void The_first_thousand_connections_start_with_different_messages()
    {
        var starts = Enumerable.Range(0, 1000).Select(c => Convert.ToHexString(PayloadStream.Bytes(c, 0, 8))).ToHashSet();

        Assert.Equal(1000, starts.Count);
    }

    [Fact]
    public void A_lost_byte_shifts_the_stream_and_no_longer_matches()
    {
        Gen.Select(Gen.Int[0, 5000], Gen.Long[0, 1L << 30]).Sample(t =>
            !PayloadStream.Bytes(t.Item1, t.Item2 + 1, 16).AsSpan().SequenceEqual(PayloadStream.Bytes(t.Item1, t.Item2, 16)));
    }

    [Theory]
    [InlineData(3, 7, "Telnet No.3,Write No7\n")]
    [InlineData(0, 0, "Telnet No.0,Write No0\n")]
    [InlineData(int.MaxValue, long.MaxValue, "Telnet No.2147483647,Write No9223372036854775807\n")]
    public void Telnet_lines_are_those_of_the_original_experiment(int client, long index, string expected)
    {
        var buffer = new byte[TelnetLine.MaxLength];

        int length = TelnetLine.Write(buffer, client, index);

        Assert.Equal(expected, Encoding.ASCII.GetString(buffer, 0, length));
    }
}
