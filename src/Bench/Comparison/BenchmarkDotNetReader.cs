using System.Globalization;
using System.Text.Json;

namespace KEchoBench.Bench.Comparison;

/// <summary>
/// Reads a BenchmarkDotNet (0.15) full JSON export (<c>*-report-full.json</c>) into per-iteration
/// time samples, so that microbenchmarks go through the same test as the load benchmarks.
/// </summary>
/// <remarks>
/// Only the <c>time</c> metric exists here: BenchmarkDotNet keeps one value per iteration for
/// time alone (its <c>Metrics</c>, e.g. allocations, are one number per benchmark, not a sample).
/// The samples are the <c>Workload/Result</c> measurements (overhead subtracted, what
/// BenchmarkDotNet reports), or the raw <c>Workload/Actual</c> ones when an export has no results.
/// </remarks>
internal static class BenchmarkDotNetReader
{
    public const string FormatName = "BenchmarkDotNet";

    /// <summary>True when the JSON file has a top-level <c>Benchmarks</c> array (a run.json has <c>cases</c>).</summary>
    public static bool LooksLikeExport(string file)
    {
        if (file.EndsWith("-report-full.json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            using var stream = File.OpenRead(file);
            using var document = JsonDocument.Parse(stream);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && Property(document.RootElement, "Benchmarks") is { ValueKind: JsonValueKind.Array };
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            // Not ours to judge here: the run.json reader reports the file as unreadable.
            return false;
        }
    }

    public static RunSamples Read(string file, string side)
    {
        try
        {
            using var stream = File.OpenRead(file);
            using var document = JsonDocument.Parse(stream);
            var benchmarks = Property(document.RootElement, "Benchmarks");
            if (benchmarks is not { ValueKind: JsonValueKind.Array } list)
            {
                throw new ComparisonInputException($"{side}: '{file}' is not a BenchmarkDotNet full JSON export (no \"Benchmarks\" array)");
            }

            var entries = list.EnumerateArray().ToList();
            var fullNames = entries.Select(b => Text(b, "FullName") ?? FallbackName(b)).ToList();

            // FullName leaves the job out: when one export runs a benchmark under several jobs,
            // the display name (with the job) tells them apart.
            var cases = entries
                .Select((b, i) => ToSamples(b, fullNames.Count(n => n == fullNames[i]) > 1 ? Text(b, "DisplayInfo") ?? fullNames[i] : fullNames[i]))
                .GroupBy(c => c.Key, StringComparer.Ordinal)
                .Select(g => g.Count() == 1 ? g.First() : Merge(g.Key, g.ToList()))
                .ToList();
            return new RunSamples { Source = file, Format = FormatName, Cases = cases };
        }
        catch (JsonException e)
        {
            throw new ComparisonInputException($"{side}: '{file}' is not readable JSON: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ComparisonInputException($"{side}: cannot read '{file}': {e.Message}", e);
        }
    }

    private static CaseSamples ToSamples(JsonElement benchmark, string key)
    {
        var measurements = Property(benchmark, "Measurements") is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().ToList()
            : [];
        var times = TimesPerOperation(measurements, "Result");
        if (times.Count == 0)
        {
            times = TimesPerOperation(measurements, "Actual");
        }

        var values = new Dictionary<string, IReadOnlyList<double>>();
        if (times.Count > 0)
        {
            values[ComparisonMetric.Time.Name] = times;
        }

        return new CaseSamples { Key = key, Values = values, Failure = times.Count == 0 ? "no workload measurements in the export" : null };
    }

    private static List<double> TimesPerOperation(List<JsonElement> measurements, string stage) =>
        measurements
            .Where(m => string.Equals(Text(m, "IterationMode"), "Workload", StringComparison.OrdinalIgnoreCase)
                && string.Equals(Text(m, "IterationStage"), stage, StringComparison.OrdinalIgnoreCase))
            .Select(m => (Operations: Number(m, "Operations"), Nanoseconds: Number(m, "Nanoseconds")))
            .Where(m => m.Operations > 0 && double.IsFinite(m.Nanoseconds))
            .Select(m => m.Nanoseconds / m.Operations / 1000.0) // µs per operation, the unit of the time metric
            .ToList();

    private static CaseSamples Merge(string key, IReadOnlyList<CaseSamples> parts)
    {
        var times = parts.SelectMany(p => p.Of(ComparisonMetric.Time)).ToList();
        return new CaseSamples
        {
            Key = key,
            Values = times.Count > 0 ? new Dictionary<string, IReadOnlyList<double>> { [ComparisonMetric.Time.Name] = times } : new Dictionary<string, IReadOnlyList<double>>(),
            Failure = times.Count == 0 ? parts[0].Failure : null,
        };
    }

    /// <summary>Type.Method plus the parameters, for exports without FullName.</summary>
    private static string FallbackName(JsonElement benchmark)
    {
        string name = $"{Text(benchmark, "Type") ?? "?"}.{Text(benchmark, "Method") ?? "?"}";
        string? parameters = Text(benchmark, "Parameters");
        return string.IsNullOrEmpty(parameters) ? name : $"{name}({parameters})";
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
        _ => null,
    };

    private static double Number(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.Number } value => value.GetDouble(),
        { ValueKind: JsonValueKind.String } value when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
        _ => double.NaN,
    };
}
