using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using KEchoBench.Bench.Comparison;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// The options that tune a comparison, declared once so that <c>compare</c> and
/// <c>bench --baseline</c> spell and check them the same way.
/// </summary>
internal sealed class CompareOptionSet
{
    public Option<double> Threshold { get; } = new("--threshold")
    {
        Description = "Smallest relative change reported, in percent: 5% or 5 (smaller changes count as 'same' even when real)",
        HelpName = "percent",
        DefaultValueFactory = _ => ComparisonSettings.DefaultThresholdPercent,
        CustomParser = ParseThreshold,
    };

    public Option<double> Alpha { get; } = new("--alpha")
    {
        Description = "Significance level of each one-sided Mann–Whitney test",
        HelpName = "p",
        DefaultValueFactory = _ => ComparisonSettings.DefaultAlpha,
    };

    public Option<string[]> Metrics { get; } = new("--metric", "-m")
    {
        Description = $"Metrics to compare, repeatable or comma-separated: {string.Join(", ", ComparisonMetric.All.Select(m => $"{m.Name} = {m.Description}"))}. "
            + $"Default: {string.Join(", ", ComparisonMetric.Defaults.Select(m => m.Name))}, and {ComparisonMetric.Time.Name} for cases without server CPU (docs/ci.md says why)",
        HelpName = "metric",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => ComparisonMetric.Defaults.Select(m => m.Name).ToArray(),
    };

    public Option<string?> Markdown { get; } = new("--markdown")
    {
        Description = "Also write the comparison as Markdown to this file (for a pull-request comment)",
        HelpName = "file",
    };

    public CompareOptionSet()
    {
        OptionRules.WritableFile(Markdown);
        Alpha.Validators.Add(result =>
        {
            double value = result.GetValueOrDefault<double>();
            if (!(value > 0 && value < 1))
            {
                result.AddError($"--alpha {value.ToString(CultureInfo.InvariantCulture)}: must be between 0 and 1, exclusive (e.g. 0.05)");
            }
        });
        Metrics.Validators.Add(result =>
        {
            foreach (string name in Split(result.GetValueOrDefault<string[]>() ?? []))
            {
                if (!ComparisonMetric.TryParse(name, out _))
                {
                    result.AddError($"--metric '{name}': unknown metric; allowed: {string.Join(", ", ComparisonMetric.Names)}");
                }
            }
        });
    }

    public IEnumerable<Option> All => [Threshold, Alpha, Metrics, Markdown];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    public ComparisonSettings Read(ParseResult result) => new()
    {
        ThresholdPercent = result.GetValue(Threshold),
        Alpha = result.GetValue(Alpha),
        Metrics = Split(result.GetValue(Metrics) ?? [])
            .Select(name => ComparisonMetric.TryParse(name, out var metric) ? metric : throw new InvalidOperationException($"unvalidated metric '{name}'"))
            .Distinct()
            .ToList(),

        // Metrics named on the command line are exactly what is tested; only the default falls back.
        Fallback = result.GetResult(Metrics) is { Implicit: false } ? null : ComparisonSettings.Default.Fallback,
    };

    private static IEnumerable<string> Split(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>"5%", "5 %" or "5" (percent); zero or more, below 1000%.</summary>
    private static double ParseThreshold(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        string number = text.Trim().TrimEnd('%').Trim();
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double percent) && percent >= 0 && percent < 1000)
        {
            return percent;
        }

        result.AddError($"--threshold '{text}': must be a percentage of zero or more, e.g. 5% or 2.5%");
        return ComparisonSettings.DefaultThresholdPercent;
    }
}
