using KEchoBench.Servers.Configuration;
using Microsoft.Extensions.Logging;

namespace KEchoBench.Servers.Engines;

/// <summary>
/// An engine as the registry lists it: its name (the one shown in every option, legend, table and
/// finding), what it models, its colour in the plots (#rrggbb), and how to make one. Its place in
/// <see cref="EngineRegistry.All"/> is its place in every list.
/// </summary>
internal sealed record EngineDescriptor(
    string Name,
    string Description,
    string KernelAnalogue,
    string Colour,
    Func<EngineOptions, ILoggerFactory?, Engine> Create);
