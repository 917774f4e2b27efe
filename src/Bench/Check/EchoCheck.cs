namespace KEchoBench.Bench.Check;

/// <summary>
/// One defect hunt. A check returns its verdict, or throws <see cref="CheckFailedException"/>
/// from any wait; the runner bounds it in time. <see cref="Needs"/> names the checks whose
/// failure would make this one fail for the same reason: it is skipped then, so that one defect
/// shows as one FAIL.
/// </summary>
internal abstract class EchoCheck
{
    /// <summary>The name <c>--only</c> and <c>--skip</c> take.</summary>
    public abstract string Name { get; }

    /// <summary>What it checks, for <c>--help</c> and docs.</summary>
    public abstract string Description { get; }

    public virtual IReadOnlyList<string> Needs => [];

    /// <summary>Checks that start and stop the server themselves run with <c>--spawn</c> only.</summary>
    public virtual bool SpawnOnly => false;

    /// <summary>The longest this check may take before the runner calls it a failure.</summary>
    public virtual TimeSpan Budget(CheckSettings settings) => settings.Timeout * 6;

    public abstract Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellation);
}
