using KEchoBench.Servers.Configuration;
using Microsoft.Extensions.Logging;

namespace KEchoBench.Servers.Engines;

/// <summary>An engine as the registry lists it: its name, what it models, and how to make one.</summary>
public sealed record EngineDescriptor(
    string Name,
    string Description,
    string KernelAnalogue,
    Func<EngineOptions, ILoggerFactory?, Engine> Create);
