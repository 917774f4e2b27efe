using System.Globalization;
using CsCheck;
using KEchoBench.Bench.Formatting;
using Xunit;

namespace KEchoBench.Tests.Formatting;

public sealed class LatencyTextTests
{
    [Theory]
    [InlineData(8.5, "8.5 µs")]
    [InlineData(850, "850 µs")]
    [InlineData(2_060, "2.06 ms")]
    [InlineData(12_345, "12.3 ms")]
    [InlineData(1_500_000, "1.50 s")]
    [InlineData(double.NaN, "n/a")]
    public void A_figure_reads_in_the_unit_a_reader_expects(double microseconds, string expected) =>
        Assert.Equal(expected, LatencyText.Of(microseconds));

    [Theory]
    [InlineData(500, "500 µs")]
    [InlineData(2_000, "2 ms")]
    [InlineData(1_500_000, "1.5 s")]
    public void An_axis_label_has_no_trailing_zeros(double microseconds, string expected) =>
        Assert.Equal(expected, LatencyText.Tick(microseconds));

    /// <summary>Read back, a figure is the value to within half its last digit, in the unit its size calls for.</summary>
    [Fact]
    public void Read_back_a_figure_is_the_value_to_its_last_digit()
    {
        Gen.Double[0, 1e8].Sample(us =>
        {
            string figure = LatencyText.Of(us);
            string number = figure.Split(' ')[0];
            int decimals = number.Contains('.', StringComparison.Ordinal) ? number.Length - number.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
            AssertReadsBack(us, figure, 0.5 * Math.Pow(10, -decimals));
            AssertReadsBack(us, LatencyText.Tick(us), 0.0005); // "0.###": three decimals at most
        });
    }

    private static void AssertReadsBack(double us, string text, double halfDigit)
    {
        string[] parts = text.Split(' ');
        double factor = parts[1] switch { "µs" => 1, "ms" => 1e3, "s" => 1e6, _ => throw new InvalidOperationException(text) };
        Assert.True(us >= factor || factor == 1, $"{us} µs read as {text}: a unit too large");
        Assert.True(us < factor * 1000 || factor == 1e6, $"{us} µs read as {text}: a unit too small");
        double readBack = double.Parse(parts[0], CultureInfo.InvariantCulture) * factor;
        Assert.True(Math.Abs(readBack - us) <= halfDigit * factor * (1 + 1e-9), $"{us} µs read as {text}");
    }
}
