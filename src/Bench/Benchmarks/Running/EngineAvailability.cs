using KEchoBench.Bench.Processes;
using KEchoBench.Servers.Engines;

namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>
/// Which of the engines asked for can run on this machine. An engine that needs something not
/// every kernel gives (the uring engine: io_uring) says why it cannot run here; bench leaves it out
/// with that reason, in its output and in run.json and summary.md, and runs the others.
/// </summary>
internal static class EngineAvailability
{
    /// <summary>The engines to run, in the order asked, and those left out with why (external servers are always run).</summary>
    public static (IReadOnlyList<string> Run, IReadOnlyDictionary<string, string> LeftOut) Partition(IReadOnlyList<string> engines)
    {
        var run = new List<string>();
        var leftOut = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string engine in engines)
        {
            // A native yardstick runs only where its model's engine can (echo_uring needs io_uring as uring does).
            var model = NativeYardsticks.IsNative(engine) ? NativeYardsticks.ModelOf(engine[NativeYardsticks.Prefix.Length..]) : EngineRegistry.TryGet(engine, out var descriptor) ? descriptor : null;
            if (model?.Unavailable?.Invoke() is { } reason)
            {
                leftOut[engine] = reason;
            }
            else
            {
                run.Add(engine);
            }
        }

        return (run, leftOut);
    }
}
