using System.Diagnostics;
using System.Globalization;

namespace KEchoBench.Servers.Configuration;

/// <summary>
/// What the server does for every received chunk before echoing it. This is what makes the
/// concurrency models differ: a spinning handler costs CPU, a blocking handler holds the
/// executing thread the way a handler doing blocking I/O would (a sleeping kernel work item).
/// </summary>
internal sealed record WorkModel(WorkKind Kind, TimeSpan Duration)
{
    /// <summary>The one lock every <c>lock:</c> step of the process takes: what makes it serialise connections.</summary>
    private static readonly Lock ServerWideLock = new();

    /// <summary>Where each <c>alloc:</c> step's array goes, so that the allocation escapes and cannot be optimised away.</summary>
    private static byte[]? s_allocated;

    public static WorkModel None { get; } = new(WorkKind.None, TimeSpan.Zero);

    /// <summary>The largest <c>alloc:</c> step: per request, more is a memory test, not a handler.</summary>
    public const long MaxAllocation = 64L << 20;

    public const string Syntax = "none | cpu:<duration> | block:<duration> | lock:<duration> (wait holding a server-wide lock) | alloc:<size> (allocate and drop), or steps joined by + (duration units: ns, us, ms, s; size units: B, KiB, MiB; e.g. cpu:50us, block:1ms, alloc:4KiB, cpu:20us+block:1ms)";

    /// <summary>An <c>alloc:</c> step's size in bytes.</summary>
    public static WorkModel Allocation(long bytes) => new(WorkKind.Alloc, TimeSpan.Zero) { Bytes = bytes };

    /// <summary>Bytes an <c>alloc:</c> step allocates; zero for the other kinds.</summary>
    public long Bytes { get; init; }

    /// <summary>
    /// Work done after this step, for a handler that, say, computes and then waits on I/O
    /// (<c>cpu:20us+block:1ms</c>). Also how a benchmark injects a known slowdown on top of a
    /// scenario's own work (<see cref="Plus"/>).
    /// </summary>
    public WorkModel? Then { get; init; }

    private readonly long _stopwatchTicks = (long)(Duration.Ticks * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond));

    /// <summary>Runs the work once, on the calling thread.</summary>
    public void Apply()
    {
        switch (Kind)
        {
            case WorkKind.Cpu:
                Spin(_stopwatchTicks);
                break;
            case WorkKind.Block:
                Block(Duration);
                break;
            case WorkKind.Lock:
                lock (ServerWideLock)
                {
                    Block(Duration);
                }

                break;
            case WorkKind.Alloc:
                Volatile.Write(ref s_allocated, GC.AllocateUninitializedArray<byte>((int)Bytes));
                break;
        }

        Then?.Apply();
    }

    /// <summary>This work followed by <paramref name="other"/>; <c>none</c> on either side adds nothing.</summary>
    public WorkModel Plus(WorkModel other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsNone)
        {
            return this;
        }

        if (IsNone)
        {
            return other;
        }

        return this with { Then = Then is null ? other : Then.Plus(other) };
    }

    /// <summary>True when no step does anything.</summary>
    public bool IsNone => Kind == WorkKind.None && (Then is null || Then.IsNone);

    private static void Spin(long stopwatchTicks)
    {
        long until = Stopwatch.GetTimestamp() + stopwatchTicks;
        while (Stopwatch.GetTimestamp() < until)
        {
            // Busy on purpose: the thread stays runnable and burns its core, like a CPU-bound handler.
        }
    }

    private static void Block(TimeSpan duration)
    {
        // Thread.Sleep has millisecond resolution and would turn block:200us into 0 or 1 ms.
        // nanosleep parks the thread for the requested time, as a blocking call would.
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            Interop.Time.SleepPrecise(duration);
        }
        else
        {
            Thread.Sleep(duration);
        }
    }

    public override string ToString()
    {
        string step = Kind switch
        {
            WorkKind.None => "none",
            WorkKind.Cpu => "cpu:" + FormatDuration(Duration),
            WorkKind.Block => "block:" + FormatDuration(Duration),
            WorkKind.Lock => "lock:" + FormatDuration(Duration),
            WorkKind.Alloc => "alloc:" + FormatBytes(Bytes),
            _ => Kind.ToString(),
        };
        return Then is null ? step : step + "+" + Then;
    }

    public static WorkModel Parse(string text) =>
        TryParse(text, out var model, out var error) ? model : throw new FormatException(error);

    public static bool TryParse(string? text, out WorkModel model, out string error)
    {
        model = None;
        error = string.Empty;
        if (text is not null && text.Contains('+', StringComparison.Ordinal))
        {
            foreach (string step in text.Split('+'))
            {
                if (string.IsNullOrWhiteSpace(step))
                {
                    error = $"'{text}': an empty step between '+'; expected {Syntax}";
                    return false;
                }

                if (!TryParseStep(step, out var parsed, out string stepError))
                {
                    error = $"'{text}': {stepError}";
                    model = None;
                    return false;
                }

                model = model.Plus(parsed);
            }

            return true;
        }

        return TryParseStep(text, out model, out error);
    }

    private static bool TryParseStep(string? text, out WorkModel model, out string error)
    {
        model = None;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        string trimmed = text.Trim();
        int colon = trimmed.IndexOf(':');
        if (colon < 0)
        {
            error = $"'{text}' is not a work model; expected {Syntax}";
            return false;
        }

        string kindText = trimmed[..colon].ToLowerInvariant();
        WorkKind kind;
        switch (kindText)
        {
            case "cpu": kind = WorkKind.Cpu; break;
            case "block": kind = WorkKind.Block; break;
            case "lock": kind = WorkKind.Lock; break;
            case "alloc": return TryParseAllocation(text, trimmed[(colon + 1)..], out model, out error);
            default:
                error = $"'{text}': '{kindText}' is not a work kind; expected {Syntax}";
                return false;
        }

        if (!DurationParser.TryParse(trimmed[(colon + 1)..], out var duration, out string durationError))
        {
            error = $"'{text}': {durationError}";
            return false;
        }

        model = new WorkModel(kind, duration);
        return true;
    }

    private static bool TryParseAllocation(string text, string sizeText, out WorkModel model, out string error)
    {
        model = None;
        error = string.Empty;
        string size = sizeText.Trim();
        (string unit, long scale) = size.EndsWith("MiB", StringComparison.OrdinalIgnoreCase) ? ("MiB", 1L << 20)
            : size.EndsWith("KiB", StringComparison.OrdinalIgnoreCase) ? ("KiB", 1L << 10)
            : size.EndsWith('B') || size.EndsWith('b') ? ("B", 1L)
            : (string.Empty, 0L);
        if (scale == 0
            || !long.TryParse(size[..^unit.Length], NumberStyles.None, CultureInfo.InvariantCulture, out long count)
            || count > MaxAllocation / scale)
        {
            error = $"'{text}': the size must be a whole number of B, KiB or MiB, at most {MaxAllocation >> 20} MiB (e.g. alloc:4KiB)";
            return false;
        }

        if (count == 0)
        {
            error = $"'{text}': allocating nothing is 'none'";
            return false;
        }

        model = Allocation(count * scale);
        return true;
    }

    internal static string FormatBytes(long bytes) =>
        bytes % (1L << 20) == 0 ? (bytes >> 20).ToString(CultureInfo.InvariantCulture) + "MiB"
        : bytes % (1L << 10) == 0 ? (bytes >> 10).ToString(CultureInfo.InvariantCulture) + "KiB"
        : bytes.ToString(CultureInfo.InvariantCulture) + "B";

    internal static string FormatDuration(TimeSpan d)
    {
        if (d.Ticks % TimeSpan.TicksPerSecond == 0) return (d.Ticks / TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture) + "s";
        if (d.Ticks % TimeSpan.TicksPerMillisecond == 0) return (d.Ticks / TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture) + "ms";
        if (d.Ticks % 10 == 0) return (d.Ticks / 10).ToString(CultureInfo.InvariantCulture) + "us";
        return (d.Ticks * 100).ToString(CultureInfo.InvariantCulture) + "ns";
    }
}
