using KEchoBench.Servers.Configuration;
using Xunit;

namespace KEchoBench.Tests.Configuration;

public sealed class WorkModelTests
{
    [Theory]
    [InlineData("none", WorkKind.None, 0)]
    [InlineData("", WorkKind.None, 0)]
    [InlineData("cpu:50us", WorkKind.Cpu, 500)]
    [InlineData("cpu:50µs", WorkKind.Cpu, 500)]
    [InlineData("block:1ms", WorkKind.Block, 10_000)]
    [InlineData("BLOCK:2.5ms", WorkKind.Block, 25_000)]
    [InlineData("cpu:1s", WorkKind.Cpu, 10_000_000)]
    [InlineData("cpu:300ns", WorkKind.Cpu, 3)]
    public void ParsesTheDocumentedForms(string text, WorkKind kind, long ticks)
    {
        var model = WorkModel.Parse(text);
        Assert.Equal(kind, model.Kind);
        Assert.Equal(ticks, model.Duration.Ticks);
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("cpu:")]
    [InlineData("cpu:-5us")]
    [InlineData("cpu:5")]
    [InlineData("cpu:5 parsecs")]
    [InlineData("io:5ms")]
    public void RejectsMalformedWorkWithAMessageListingTheSyntax(string text)
    {
        Assert.False(WorkModel.TryParse(text, out _, out string error));
        Assert.Contains($"'{text}'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cpu:50us")]
    [InlineData("block:1ms")]
    [InlineData("cpu:2s")]
    [InlineData("none")]
    public void RoundTripsThroughItsText(string text) => Assert.Equal(text, WorkModel.Parse(text).ToString());
}
