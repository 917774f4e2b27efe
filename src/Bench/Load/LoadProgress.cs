namespace KEchoBench.Bench.Load;

/// <summary>A progress sample: which phase, how many round trips are done (and expected, when known), errors so far.</summary>
internal readonly record struct LoadProgress(
    string Phase,
    int Round,
    int Rounds,
    long Completed,
    long Expected,
    long Errors,
    TimeSpan Elapsed,
    TimeSpan? Planned);
