using System.Globalization;
using CsCheck;
using KEchoBench.Bench.Formatting;
using Xunit;

namespace KEchoBench.Tests.Formatting;

public sealed class RatioTextTests
{
    [Theory]
    [InlineData(0.3125, 2, "0.31×")]
    [InlineData(1.3, 3, "1.300×")]
    [InlineData(12.345, 2, "12×")]
    [InlineData(1234.5, 3, "1,234×")] // whole numbers from 10 on, whatever the decimals asked for
    [InlineData(double.NaN, 2, "n/a")]
    [InlineData(double.PositiveInfinity, 3, "n/a")]
    public void A_ratio_reads_as_a_factor(double ratio, int decimals, string expected) =>
        Assert.Equal(expected, RatioText.Of(ratio, decimals));

    [Fact]
    public void Read_back_a_factor_is_the_ratio_to_its_last_digit()
    {
        Gen.Select(Gen.Double[0, 1000], Gen.Int[0, 4]).Sample((ratio, decimals) =>
        {
            string text = RatioText.Of(ratio, decimals);
            Assert.EndsWith("×", text, StringComparison.Ordinal);
            double readBack = double.Parse(text[..^1], NumberStyles.Number, CultureInfo.InvariantCulture);
            double lastDigit = readBack >= 10 ? 1 : Math.Pow(10, -decimals);
            Assert.True(Math.Abs(readBack - ratio) <= (lastDigit / 2) + 1e-9, $"{ratio} read as {text}");
        });
    }
}
