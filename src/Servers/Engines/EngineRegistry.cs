using KEchoBench.Servers.Configuration;
using Microsoft.Extensions.Logging;

namespace KEchoBench.Servers.Engines;

/// <summary>
/// The one place engines are found by name: the CLI, the benchmarks, the reports and the
/// conformance suite all read this list. Adding an engine is one file and one line here.
/// </summary>
public static class EngineRegistry
{
    public static IReadOnlyList<EngineDescriptor> All { get; } =
    [
        new(ThreadEngine.EngineName, ThreadEngine.EngineDescription, "one kthread per connection (original kecho)", (o, l) => new ThreadEngine(o, l)),
        new(WorkqueueEngine.EngineName, WorkqueueEngine.EngineDescription, "pre-CMWQ workqueue (fixed workers)", (o, l) => new WorkqueueEngine(o, l)),
        new(CmwqEngine.EngineName, CmwqEngine.EngineDescription, "Concurrency Managed Workqueue", (o, l) => new CmwqEngine(o, l)),
        new(EventLoopEngine.EngineName, EventLoopEngine.EngineDescription, "user-space epoll server", (o, l) => new EventLoopEngine(o, l)),
    ];

    public static IEnumerable<string> Names => All.Select(d => d.Name);

    public static bool TryGet(string name, out EngineDescriptor descriptor)
    {
        descriptor = All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return descriptor is not null;
    }

    public static EngineDescriptor Get(string name) =>
        TryGet(name, out var descriptor)
            ? descriptor
            : throw new ArgumentException($"unknown engine '{name}'; allowed: {string.Join(", ", Names)}", nameof(name));

    public static Engine Create(string name, EngineOptions options, ILoggerFactory? loggerFactory = null) =>
        Get(name).Create(options, loggerFactory);
}
