using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Benchmarks.Scenarios;

/// <summary>
/// What the kecho study's own experiments share: their deadline is the study's 10 s, not the
/// profile's, and by default each round is one test as the study ran it (no minimum round
/// duration), since its seconds per test are what the study reported. The telnet script's tests
/// last 1–50 ms, too short for a server CPU figure, so that scenario repeats its test within a
/// round (<see cref="KechoTelnetScenario"/>).
/// </summary>
public abstract class KechoExperiment : ScenarioBenchmark
{
    private protected override TimeSpan Timeout => KechoCases.Timeout;

    private protected override TimeSpan? MinRoundDuration => null;
}
