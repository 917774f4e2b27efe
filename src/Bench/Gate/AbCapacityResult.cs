using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Gate;

/// <summary>
/// One engine's capacity comparison in an A/B run (<c>ab --capacity</c>): the base's and the
/// head's searches, interleaved in the order <see cref="HeadFirst"/> gives (true: the head's
/// search of that index ran first), summarised as bench summarises them, and the verdict of
/// compare's rule on the two.
/// </summary>
internal sealed record AbCapacityResult(
    string Engine,
    int Connections,
    IReadOnlyList<bool> HeadFirst,
    CapacitySearchResult Base,
    CapacitySearchResult Head,
    string Verdict,
    GateOutcome Outcome);
