namespace KEchoBench.Bench.Gate;

/// <summary>
/// The order of each round pair: AB (base first) or BA (head first). Balanced two by two — every
/// two pairs hold one AB and one BA, in a random order — so that neither build is always the one
/// measured right after the other (a warm cache, a cooled CPU, a drifting machine favour one slot).
/// </summary>
internal static class AbOrder
{
    /// <summary><paramref name="pairs"/> orders drawn from <paramref name="random"/>; true = head first (BA).</summary>
    public static IReadOnlyList<bool> HeadFirst(int pairs, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pairs);
        ArgumentNullException.ThrowIfNull(random);
        var orders = new bool[pairs];
        for (int i = 0; i < pairs; i += 2)
        {
            bool first = random.Next(2) == 1;
            orders[i] = first;
            if (i + 1 < pairs)
            {
                orders[i + 1] = !first;
            }
        }

        return orders;
    }
}
