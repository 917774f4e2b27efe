using KEchoBench.Bench.Gate;
using Xunit;

namespace KEchoBench.Tests.Gate;

public sealed class AbOrderTests
{
    [Fact]
    public void Every_two_pairs_hold_one_AB_and_one_BA()
    {
        var orders = AbOrder.HeadFirst(40, new Random(3));
        Assert.Equal(40, orders.Count);
        for (int i = 0; i < orders.Count; i += 2)
        {
            Assert.NotEqual(orders[i], orders[i + 1]);
        }

        Assert.Equal(20, orders.Count(o => o));
    }

    [Fact]
    public void The_order_is_drawn_from_the_seed()
    {
        Assert.Equal(AbOrder.HeadFirst(30, new Random(5)), AbOrder.HeadFirst(30, new Random(5)));
        var seeds = Enumerable.Range(0, 20).Select(s => string.Concat(AbOrder.HeadFirst(30, new Random(s)).Select(o => o ? 'B' : 'A'))).ToHashSet();
        Assert.True(seeds.Count > 15, "different seeds give different orders");

        // Not a fixed alternation: both AB,BA and BA,AB blocks occur.
        var firsts = Enumerable.Range(0, 15).Select(i => AbOrder.HeadFirst(30, new Random(5))[i * 2]).ToHashSet();
        Assert.Equal(2, firsts.Count);
    }

    [Fact]
    public void An_odd_count_leaves_one_drawn_pair_at_the_end()
    {
        var orders = AbOrder.HeadFirst(5, new Random(1));
        Assert.Equal(5, orders.Count);
        Assert.InRange(orders.Count(o => o), 2, 3);
    }
}
