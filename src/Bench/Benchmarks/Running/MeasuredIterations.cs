using System.Diagnostics.Tracing;

namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>
/// Tells whether BenchmarkDotNet is inside a measured (workload actual) iteration, by listening
/// to its <c>EngineEventSource</c>. Only rounds run while this is true go into the results;
/// warm-up rounds are run and thrown away. One listener per process: the in-process toolchain
/// runs every case in the same process, and two listeners would each enable the source.
/// </summary>
internal sealed class MeasuredIterations : EventListener
{
    private const string EngineEventSourceName = "BenchmarkDotNet.EngineEventSource";
    private static readonly Lazy<MeasuredIterations> s_instance = new(() => new MeasuredIterations());
    private volatile bool _measuring;
    private volatile bool _sourceSeen;

    public static MeasuredIterations Instance => s_instance.Value;

    /// <summary>True between WorkloadActualStart and WorkloadActualStop.</summary>
    public bool IsMeasuring => _measuring;

    /// <summary>False if BenchmarkDotNet's event source never appeared (then nothing would count as measured).</summary>
    public bool IsListening => _sourceSeen;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == EngineEventSourceName)
        {
            _sourceSeen = true;
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        switch (eventData.EventName)
        {
            case "WorkloadActualStart":
                _measuring = true;
                break;
            case "WorkloadActualStop":
            case "BenchmarkStop":
                _measuring = false;
                break;
        }
    }
}
