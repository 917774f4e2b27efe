using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Recording;

/// <summary>
/// Collects the measured rounds of one benchmark case: one <see cref="IterationResult"/> per
/// round (so p99 and max can be compared as samples) and the case's overall figures and
/// percentile spectrum, both from <see cref="IterationBuilder"/>, the builder <c>load</c> uses
/// too; and, for the case alone, its errors by kind and the burst's per-slot means.
/// </summary>
internal sealed class CaseRecorder
{
    private const string ServerUnknown = "the server's process is not known (external server without --server-pid)";

    private readonly IterationBuilder _builder = new(ServerUnknown);
    private readonly Dictionary<string, long> _errorsByKind = new(StringComparer.Ordinal);
    private readonly List<double> _slotSums = [];
    private readonly List<int> _slotCounts = [];
    private readonly List<IReadOnlyList<AgentFigures>> _agentRounds = [];
    private IReadOnlyList<PlacementEntry>? _placement;

    public int Count => _builder.Iterations.Count;

    public IterationResult Add(RoundOutcome round, ServerWindow? server)
    {
        var iteration = _builder.Add(round, server);
        if (round.Agents is { } agents)
        {
            _agentRounds.Add(agents);
        }

        _placement ??= round.Placement;
        foreach (var (kind, count) in round.ErrorsByKind)
        {
            _errorsByKind[kind] = _errorsByKind.GetValueOrDefault(kind) + count;
        }

        for (int slot = 0; slot < round.PerConnectionUs.Count; slot++)
        {
            if (slot == _slotSums.Count)
            {
                _slotSums.Add(0);
                _slotCounts.Add(0);
            }

            if (!double.IsNaN(round.PerConnectionUs[slot]))
            {
                _slotSums[slot] += round.PerConnectionUs[slot];
                _slotCounts[slot]++;
            }
        }

        return iteration;
    }

    /// <summary>The case with its measured rounds, overall figures, spectrum, per-slot means and errors.</summary>
    public CaseResult Build(CaseResult identity) => identity with
    {
        Iterations = [.. _builder.Iterations],
        Overall = Count == 0 ? null : _builder.Overall(),
        Spectrum = _builder.Spectrum(),
        PerConnectionUs = [.. _slotSums.Select((sum, slot) => _slotCounts[slot] == 0 ? double.NaN : sum / _slotCounts[slot])],
        ErrorsByKind = new Dictionary<string, long>(_errorsByKind),
        Placement = _placement,
        Agents = _agentRounds.Count == 0 || _agentRounds.Any(r => r.Count != _agentRounds[0].Count)
            ? null
            : [.. Enumerable.Range(0, _agentRounds[0].Count).Select(i => AgentFigures.Sum([.. _agentRounds.Select(r => r[i])]))],
    };
}
