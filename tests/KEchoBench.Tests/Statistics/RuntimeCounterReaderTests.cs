using CsCheck;
using KEchoBench.Servers.Statistics;
using Xunit;

namespace KEchoBench.Tests.Statistics;

/// <summary>
/// The runtime's counters as the server reads them from its System.Runtime meter: each moves when
/// what it counts happens in this process (counts at least, since other tests run beside these),
/// and the one line that carries them reads back to the same figures.
/// </summary>
public sealed class RuntimeCounterReaderTests
{
    [Fact]
    public async Task Work_items_queued_to_the_thread_pool_are_counted_as_completed()
    {
        using var reader = new RuntimeCounterReader();
        var before = reader.Read();
        const int items = 500;
        var done = new CountdownEvent(items);
        for (int i = 0; i < items; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => done.Signal(), null);
        }

        Assert.True(done.Wait(TimeSpan.FromSeconds(20)), "the work items did not run");
        await Task.Delay(50); // the last item's completion is counted after its callback returns
        var after = reader.Read();
        Assert.True(after.WorkItemsCompleted - before.WorkItemsCompleted >= items, $"{after.WorkItemsCompleted - before.WorkItemsCompleted} work items completed for {items} queued");
        Assert.True(after.PoolThreads >= 1, $"{after.PoolThreads} ThreadPool threads after running work items");
    }

    [Fact]
    public void A_collection_is_counted_in_all_generations_together_with_its_pause()
    {
        using var reader = new RuntimeCounterReader();
        var before = reader.Read();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        var after = reader.Read();

        // The meter gives each generation's collections apart (a gen2 collection counted in gen2
        // only); summed they are all collections, which GC.CollectionCount(0) also counts.
        Assert.True(after.GcCollections - before.GcCollections >= 1, $"{after.GcCollections - before.GcCollections} collections after GC.Collect");
        int all = GC.CollectionCount(0);
        Assert.True(after.GcCollections <= all && after.GcCollections >= all - 20,
            $"{after.GcCollections} collections by the meter, {all} by GC.CollectionCount(0) just after");
        Assert.True(after.GcPauseSeconds > before.GcPauseSeconds, $"pause {before.GcPauseSeconds} s, then {after.GcPauseSeconds} s after a blocking collection");
    }

    [Fact]
    public void A_thread_waiting_for_a_held_lock_is_a_contention()
    {
        using var reader = new RuntimeCounterReader();
        var before = reader.Read();
        var held = new object();
        using var taken = new ManualResetEventSlim();
        var holder = new Thread(() =>
        {
            lock (held)
            {
                taken.Set();
                Thread.Sleep(200);
            }
        });
        holder.Start();
        taken.Wait();
        lock (held)
        {
        }

        holder.Join();
        var after = reader.Read();
        Assert.True(after.LockContentions - before.LockContentions >= 1, $"{after.LockContentions - before.LockContentions} contentions while a thread waited 200 ms for a lock");
    }

    [Fact]
    public void The_line_reads_back_to_the_same_figures()
    {
        Gen.Select(Gen.Long[0, long.MaxValue], Gen.Long[0, 1_000_000], Gen.Long[0, long.MaxValue], Gen.Long[0, long.MaxValue], Gen.Int[0, int.MaxValue], Gen.Double[0, 1e6])
            .Sample((threads, queue, items, contentions, collections, pause) =>
            {
                var counters = new RuntimeCounters
                {
                    PoolThreads = threads,
                    QueueLength = queue,
                    WorkItemsCompleted = items,
                    LockContentions = contentions,
                    GcCollections = collections,
                    GcPauseSeconds = pause,
                };
                Assert.Equal(counters, RuntimeCounters.Parse(counters.ToLine()));
            });
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("pool_threads=4 queue_length=0 work_items=12 lock_contentions=0 gc_collections=1")]
    [InlineData("pool_threads=-4 queue_length=0 work_items=12 lock_contentions=0 gc_collections=1 gc_pause_s=0")]
    [InlineData("pool_threads=4 queue_length=0 work_items=12 lock_contentions=0 gc_collections=1 gc_pause_s=NaN")]
    public void A_line_missing_a_figure_or_with_one_not_a_count_is_not_read(string line) => Assert.Null(RuntimeCounters.Parse(line));

    [Fact]
    public void Keys_added_later_are_ignored() =>
        Assert.Equal(7, RuntimeCounters.Parse("pool_threads=7 queue_length=0 work_items=1 lock_contentions=0 gc_collections=0 gc_pause_s=0 later=3")?.PoolThreads);
}
