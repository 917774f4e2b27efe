using KEchoBench.Servers.Configuration;

namespace KEchoBench.Tests.Conformance;

// One line per engine: the whole conformance suite runs against each.
public sealed class ThreadEngineConformance : EngineConformanceTests { public override string EngineName => "thread"; }

public sealed class WorkqueueEngineConformance : EngineConformanceTests { public override string EngineName => "workqueue"; }

public sealed class CmwqEngineConformance : EngineConformanceTests { public override string EngineName => "cmwq"; }

public sealed class EventLoopEngineConformance : EngineConformanceTests { public override string EngineName => "eventloop"; }

public sealed class UringEngineConformance : EngineConformanceTests { public override string EngineName => "uring"; }

// The uring engine again, each ring with a kernel submission thread (serve --sqpoll).
public sealed class UringSqPollEngineConformance : EngineConformanceTests
{
    public override string EngineName => "uring";

    private protected override EngineOptions WithVariant(EngineOptions options) => options with { SqPoll = true };

    private protected override IEnumerable<string> VariantServeOptions => ["--sqpoll"];
}
