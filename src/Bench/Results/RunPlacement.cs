namespace KEchoBench.Bench.Results;

/// <summary>
/// Where a run's load generator and servers ran on its one host: <c>split</c> (disjoint CPUs) or
/// <c>shared</c> (nothing pinned), and the CPUs each could use.
/// </summary>
internal sealed record RunPlacement(string Mode, IReadOnlyList<int> GeneratorCpus, IReadOnlyList<int> ServerCpus)
{
    /// <summary>One line for summaries and consoles.</summary>
    public string Describe() => Mode == "split"
        ? $"split: load generator on CPU {string.Join(",", GeneratorCpus)}, server on CPU {string.Join(",", ServerCpus)}"
        : $"shared: generator and server unpinned on CPUs {string.Join(",", GeneratorCpus)}";
}
