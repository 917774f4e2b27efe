using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Results;
using Xunit;
using KEchoBench.Bench.Benchmarks.HandOff;

namespace KEchoBench.Tests.Benchmarks;

public sealed class ResultsFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kechobench-results-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Each_run_gets_its_own_stamped_folder_and_latest_follows_the_newest()
    {
        var started = new DateTimeOffset(2026, 11, 27, 21, 5, 9, TimeSpan.Zero);
        string first = ResultsFolder.Create(_root, "quick", started);
        string second = ResultsFolder.Create(_root, "quick", started);

        Assert.Equal("20261127-210509-quick", Path.GetFileName(first));
        Assert.NotEqual(first, second);

        ResultsFolder.PointLatestAt(_root, first);
        ResultsFolder.PointLatestAt(_root, second);

        Assert.Equal(Path.GetFileName(second), new FileInfo(Path.Combine(_root, ResultsFolder.LatestName)).LinkTarget);
    }

    [Fact]
    public void Side_file_round_trips_a_case_and_is_taken_once()
    {
        var result = new CaseResult { Scenario = "idle", Engine = "workqueue", Clients = 10, Failure = "why" };

        SideFiles.Write(_root, 4242, result);
        var read = SideFiles.Take(_root, 4242);

        Assert.Equal(result.Key, read!.Key);
        Assert.Equal("why", read.Failure);
        Assert.Null(SideFiles.Take(_root, 4242));
    }
}
