using KEchoBench.Bench.Results;
using Xunit;

namespace KEchoBench.Tests.Results;

/// <summary>The error kinds' names are the one list the generator writes and the report reads.</summary>
public sealed class LoadErrorNamesTests
{
    [Fact]
    public void Every_kind_has_its_own_stable_name()
    {
        var names = LoadErrorNames.All.Select(LoadErrorNames.Of).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(
            [LoadErrorNames.Mismatch, LoadErrorNames.ShortEcho, LoadErrorNames.Reset, LoadErrorNames.Timeout, LoadErrorNames.Refused],
            names);
    }
}
