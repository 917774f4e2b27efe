using KEchoBench.Servers.Configuration;
using Microsoft.Extensions.Logging;

namespace KEchoBench.Servers.Engines;

/// <summary>
/// The one place engines are found by name: the CLI, the benchmarks, the reports, the comparison
/// and the conformance suite all read this list. Adding an engine is one file and one line here.
/// The order is the kernel story's (thread → workqueue → CMWQ, then the epoll analogue, then
/// io_uring) and is the order of every legend and table; the colours are Category10's first five, readable on white
/// and distinguishable in print (external servers take the palette's later colours).
/// </summary>
internal static class EngineRegistry
{
    private static readonly EngineDescriptor[] BuiltIn =
    [
        new(ThreadEngine.EngineName, ThreadEngine.EngineDescription, "one kthread per connection (original kecho)", "#1f77b4", (o, l) => new ThreadEngine(o, l)) { InKechoStudy = true, Yardstick = new("echo_threads") },
        new(WorkqueueEngine.EngineName, WorkqueueEngine.EngineDescription, "pre-CMWQ workqueue (fixed workers)", "#ff7f0e", (o, l) => new WorkqueueEngine(o, l)) { InKechoStudy = true, HasFixedWorkers = true, LongLivedSessionsNote = WorkqueueEngine.LongLivedSessionsNote },
        new(CmwqEngine.EngineName, CmwqEngine.EngineDescription, "Concurrency Managed Workqueue", "#2ca02c", (o, l) => new CmwqEngine(o, l)) { InKechoStudy = true, Yardstick = new("echo_cmwq") },
        new(EventLoopEngine.EngineName, EventLoopEngine.EngineDescription, "user-space epoll server", "#d62728", (o, l) => new EventLoopEngine(o, l)) { Yardstick = new("echo_epoll", () => EngineOptions.DefaultEventLoops) },
        new(UringEngine.EngineName, UringEngine.EngineDescription, "io_uring server (completion rings)", "#9467bd", (o, l) => new UringEngine(o, l), UringEngine.Unavailable) { TakesSqPoll = true, Yardstick = new("echo_uring", () => EngineOptions.DefaultEventLoops) },
    ];

    private static volatile EngineDescriptor[] _all = BuiltIn;

    public static IReadOnlyList<EngineDescriptor> All => _all;

    public static IEnumerable<string> Names => All.Select(d => d.Name);

    /// <summary>The engine the others are compared with in findings: the first registered (the kernel story's starting point).</summary>
    public static string Baseline => All[0].Name;

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

    /// <summary>
    /// Adds an engine after the built-in ones until the returned handle is disposed: how a test
    /// proves that one registration line puts an engine in every list.
    /// </summary>
    internal static IDisposable Register(EngineDescriptor descriptor)
    {
        var before = _all;
        _all = [.. before, descriptor];
        return new Registration(() => _all = before);
    }

    private sealed class Registration(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
