using Xunit;

namespace KEchoBench.Tests.Reports;

/// <summary>Test classes in this collection share one <see cref="GeneratedReport"/>: rendering ~20 plots once, not once per class.</summary>
[CollectionDefinition(Name)]
public sealed class GeneratedReportCollection : ICollectionFixture<GeneratedReport>
{
    public const string Name = "generated report";
}
