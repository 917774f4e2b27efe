using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;
using KEchoBench.Servers.Configuration;
using KEchoBench.Servers.Engines;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// The options that configure an engine, declared once so that <c>serve</c>, <c>load --spawn</c>
/// and <c>bench</c> spell and check them the same way.
/// </summary>
internal sealed class EngineOptionSet
{
    public Option<string> Engine { get; } = new("--engine", "-e")
    {
        Description = $"Engine to run: {string.Join(", ", EngineRegistry.Names)}",
        Required = true,
    };

    public Option<IPAddress> Bind { get; } = new("--bind")
    {
        Description = "Address to listen on",
        DefaultValueFactory = _ => IPAddress.Loopback,
        CustomParser = ParseAddress,
    };

    public Option<int> Port { get; } = new("--port", "-p")
    {
        Description = "TCP port (0 = ephemeral)",
        DefaultValueFactory = _ => EngineOptions.DefaultPort,
    };

    public Option<int> Backlog { get; } = new("--backlog")
    {
        Description = "Listen backlog (kecho: 128; the kernel caps it at net.core.somaxconn)",
        DefaultValueFactory = _ => EngineOptions.DefaultBacklog,
    };

    public Option<int> Workers { get; } = new("--workers")
    {
        Description = $"workqueue: worker threads (default: processor count, {EngineOptions.DefaultWorkqueueWorkers}); eventloop and uring: loops (default: one per two processors, {EngineOptions.DefaultEventLoops})",
    };

    public Option<int> QueueCapacity { get; } = new("--queue-capacity")
    {
        Description = "workqueue: sessions that may wait for a worker",
        DefaultValueFactory = _ => EngineOptions.DefaultQueueCapacity,
    };

    public Option<int> MaxActive { get; } = new("--max-active")
    {
        Description = "cmwq: work items executing at once (CMWQ max_active)",
        DefaultValueFactory = _ => EngineOptions.DefaultMaxActive,
    };

    public Option<int> MaxConnections { get; } = new("--max-connections")
    {
        Description = "Connections beyond this are closed at once and counted as rejected (0 = no cap of its own: the open-file and thread limits decide, and serve says at start how many they allow)",
        DefaultValueFactory = _ => 0,
    };

    public Option<int> BufferSize { get; } = new("--buffer-size")
    {
        Description = "Receive buffer size in bytes",
        DefaultValueFactory = _ => EngineOptions.DefaultBufferSize,
    };

    public Option<WorkModel> Work { get; } = new("--work")
    {
        Description = "Per-chunk work: " + WorkModel.Syntax,
        DefaultValueFactory = _ => WorkModel.None,
        CustomParser = WorkOption.Parse,
    };

    public Option<bool> SqPoll { get; } = new("--sqpoll")
    {
        Description = $"uring: a kernel submission thread per ring (IORING_SETUP_SQPOLL, idle after {IoRing.SqThreadIdleMs} ms), so that submitting needs no system call while it polls; off by default, it cost more CPU per request here (docs/engines.md#uring)",
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Log every connection (distorts benchmarks, as kecho's per-request logging did)",
    };

    public EngineOptionSet()
    {
        Engine.Validators.Add(result =>
        {
            string? name = result.GetValueOrDefault<string>();
            if (name is null || !EngineRegistry.TryGet(name, out _))
            {
                result.AddError($"--engine '{name}': unknown engine; allowed: {string.Join(", ", EngineRegistry.Names)}");
            }
        });
        OptionRules.Range(Port, 0, 65535, "0 = ephemeral");
        OptionRules.Range(Backlog, 1, int.MaxValue);
        OptionRules.Range(Workers, 1, 4096);
        OptionRules.Range(QueueCapacity, 1, int.MaxValue);
        OptionRules.Range(MaxActive, 1, 65536);
        OptionRules.Range(MaxConnections, 0, int.MaxValue, "0 = no cap beyond the process limits");
        OptionRules.Range(BufferSize, 1, 16 * 1024 * 1024);
    }

    public IEnumerable<Option> All =>
        [Engine, Bind, Port, Backlog, Workers, QueueCapacity, MaxActive, MaxConnections, BufferSize, Work, SqPoll, Verbose];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(r => RefuseOptionsNotTakenBy(r, r.GetValue(Engine), Engine.Name));
    }

    /// <summary>
    /// Refuses an option of one engine given with another (<paramref name="engine"/>, named by
    /// <paramref name="engineOption"/>: <c>--engine</c> or <c>--spawn</c>); other engines ignore
    /// <c>--workers</c> and the like, but a kernel submission thread asked for and silently not
    /// started would leave a measurement labelled with what it did not measure. An unknown or
    /// absent engine is left to the engine option's own check.
    /// </summary>
    public void RefuseOptionsNotTakenBy(CommandResult result, string? engine, string engineOption)
    {
        if (engine is null || result.GetResult(SqPoll) is not { Implicit: false } || !EngineRegistry.TryGet(engine, out var descriptor) || descriptor.TakesSqPoll)
        {
            return;
        }

        string takers = string.Join(", ", EngineRegistry.All.Where(d => d.TakesSqPoll).Select(d => d.Name));
        result.AddError($"{SqPoll.Name} (a kernel submission thread per io_uring ring) is taken only by engine {takers}; {engineOption} {descriptor.Name} has no ring");
    }

    public EngineOptions Read(ParseResult result) => new()
    {
        BindAddress = result.GetValue(Bind)!,
        Port = result.GetValue(Port),
        Backlog = result.GetValue(Backlog),
        Workers = result.GetResult(Workers) is null ? null : result.GetValue(Workers),
        QueueCapacity = result.GetValue(QueueCapacity),
        MaxActive = result.GetValue(MaxActive),
        MaxConnections = result.GetValue(MaxConnections),
        BufferSize = result.GetValue(BufferSize),
        Work = result.GetValue(Work)!,
        SqPoll = result.GetValue(SqPoll),
        Verbose = result.GetValue(Verbose),
    };

    private static IPAddress? ParseAddress(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (text.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            return address;
        }

        result.AddError($"--bind '{text}': not an IP address (e.g. 127.0.0.1, 0.0.0.0, ::1)");
        return null;
    }
}
