using KEchoBench.Servers.Configuration;
using Microsoft.Extensions.Logging;

namespace KEchoBench.Servers.Engines;

/// <summary>
/// An engine as the registry lists it: its name (the one shown in every option, legend, table and
/// finding), what it models, its colour in the plots (#rrggbb), and how to make one. Its place in
/// <see cref="EngineRegistry.All"/> is its place in every list. <see cref="Unavailable"/>, for an
/// engine that needs something not every machine has, says why this one cannot run it (null: it can).
/// </summary>
internal sealed record EngineDescriptor(
    string Name,
    string Description,
    string KernelAnalogue,
    string Colour,
    Func<EngineOptions, ILoggerFactory?, Engine> Create,
    Func<string?>? Unavailable = null)
{
    /// <summary>One of the kecho report's three models (Original, Workqueue, CMWQ), which its claims compare in the registry's order.</summary>
    public bool InKechoStudy { get; init; }

    /// <summary>Runs a fixed number of workers (<c>serve --workers</c>), which a profile may set.</summary>
    public bool HasFixedWorkers { get; init; }

    /// <summary>Takes <c>serve --sqpoll</c> (a kernel submission thread per ring); the CLI refuses the option for an engine that does not.</summary>
    public bool TakesSqPoll { get; init; }

    /// <summary>
    /// Why this engine's clients time out when sessions stay connected, when that is the model's
    /// nature rather than a defect: the report adds it to such a failure (null: no such note).
    /// </summary>
    public string? LongLivedSessionsNote { get; init; }

    /// <summary>The native server of this engine's model (<c>bench --yardsticks</c>); null: none is written yet.</summary>
    public NativeYardstick? Yardstick { get; init; }
}
