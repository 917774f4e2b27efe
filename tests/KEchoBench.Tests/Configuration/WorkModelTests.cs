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
    [InlineData("lock:50us", WorkKind.Lock, 500)]
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
    [InlineData("cpu:5us+")]
    [InlineData("cpu:5us+io:1ms")]
    [InlineData("+block:1ms")]
    [InlineData("alloc:5")]
    [InlineData("alloc:-1KiB")]
    [InlineData("alloc:1.5KiB")]
    [InlineData("alloc:0B")]
    [InlineData("alloc:65MiB")]
    [InlineData("alloc:4GB")]
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
    [InlineData("cpu:20us+block:1ms")]
    [InlineData("block:1ms+cpu:5us+cpu:7us")]
    [InlineData("lock:50us+cpu:3us")]
    [InlineData("alloc:4KiB")]
    [InlineData("alloc:100B")]
    [InlineData("cpu:3us+alloc:64MiB")]
    public void RoundTripsThroughItsText(string text) => Assert.Equal(text, WorkModel.Parse(text).ToString());

    [Theory]
    [InlineData("alloc:100B", 100)]
    [InlineData("alloc:4KiB", 4096)]
    [InlineData("ALLOC:2mib", 2 << 20)]
    public void AnAllocationStepAllocatesItsSizeOnEveryRun(string text, long bytes)
    {
        var model = WorkModel.Parse(text);
        Assert.Equal(WorkKind.Alloc, model.Kind);
        Assert.Equal(bytes, model.Bytes);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            model.Apply();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(allocated, 10 * bytes, (10 * bytes) + (10 * 1024));
    }

    [Fact]
    public void StepsRunInOrderAndNoneAddsNothing()
    {
        var model = WorkModel.Parse("cpu:20us+block:1ms");
        Assert.Equal(WorkKind.Cpu, model.Kind);
        Assert.Equal(WorkKind.Block, model.Then?.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(1), model.Then?.Duration);
        Assert.Null(model.Then?.Then);

        Assert.Same(model, model.Plus(WorkModel.None));
        Assert.Same(model, WorkModel.None.Plus(model));
        Assert.Equal("cpu:50us+cpu:10us", WorkModel.Parse("cpu:50us").Plus(WorkModel.Parse("cpu:10us")).ToString());
        Assert.Equal("cpu:20us+block:1ms+cpu:3us", model.Plus(WorkModel.Parse("cpu:3us")).ToString());
        Assert.Equal(WorkModel.None, WorkModel.Parse("none+none"));
        Assert.True(WorkModel.Parse("none+none").IsNone);
    }

    [Fact]
    public void ApplyRunsEveryStep()
    {
        // block steps sleep at least their duration, so two of them take at least the sum.
        var model = WorkModel.Parse("block:20ms+block:20ms");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        model.Apply();
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(40), $"two 20 ms steps took {watch.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void LockStepsOfConcurrentHandlersRunOneAtATime()
    {
        // Two threads waiting 20 ms each under the server-wide lock: the second waits for the first,
        // so both are done no sooner than 40 ms after they started (block steps would overlap).
        var model = WorkModel.Parse("lock:20ms");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Parallel.Invoke(new ParallelOptions { MaxDegreeOfParallelism = 2 }, model.Apply, model.Apply);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(40), $"two 20 ms lock steps took {watch.Elapsed.TotalMilliseconds} ms together");
    }
}
